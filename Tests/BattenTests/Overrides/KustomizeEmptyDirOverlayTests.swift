import BattenYAML
import Foundation
import Testing

@testable import Batten

/// The emptyDir volumes and mounts of `writable-root-filesystem` in a kustomize overlay: the patch
/// carries only the new items of the lists strategic merge merges by key, and `kubectl kustomize`
/// builds it into a Deployment that audits without the finding.
@Suite("Kustomize overlay with emptyDir volumes")
struct KustomizeEmptyDirOverlayTests {
    static let manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
                volumeMounts:
                - name: config
                  mountPath: /etc/nginx/conf.d
              volumes:
              - name: config
                configMap:
                  name: web-config

        """

    @Test func mergedListsCarryOnlyTheirNewItems() throws {
        func value(_ text: String) throws -> YAMLValue {
            let document = try #require(YAMLParser.parse(SourceFile(path: "t.yaml", bytes: Array(text.utf8))).documents.first)
            return try #require(document.root.map { document.value($0) })
        }
        let before = try value("volumes:\n- name: a\n  emptyDir: {}\n- name: b\n  configMap: {name: x}\n")
        let after = try value("volumes:\n- name: a\n  emptyDir: {medium: Memory}\n- name: b\n  configMap: {name: x}\n- name: c\n  emptyDir: {}\n")
        let patch = try #require(StrategicMergePatch.difference(before, after))
        #expect(patch.means(try value("volumes:\n- name: a\n  emptyDir: {medium: Memory}\n- name: c\n  emptyDir: {}\n")))
        #expect(StrategicMergePatch.apply(patch, to: before).means(after))
        let removed = try value("volumes:\n- name: c\n  emptyDir: {}\n")
        #expect(StrategicMergePatch.difference(before, removed)?.means(removed) == true, "a removal keeps the whole list")
    }

    @Test("kubectl kustomize builds the emptyDir patch", .enabled(if: KustomizeOverlayTests.kubectl != nil || OverrideTestSupport.isCI))
    func kustomizeBuildsTheEmptyDirPatch() throws {
        let input = try TemporaryDirectory.make("emptydir")
        defer { try? FileManager.default.removeItem(at: input) }
        try Data(Self.manifest.utf8).write(to: input.appendingPathComponent("web.yaml"))
        let generated = try KustomizeOverlayTests.generate(KustomizeOverlayCase(name: "emptyDir", paths: [input.path]))
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let overlay = generated.overlay
        #expect(overlay.fixed.contains { $0.ruleID == "writable-root-filesystem" })
        #expect(!overlay.skipped.contains { $0.finding.ruleID == "writable-root-filesystem" }, "\(overlay.skipped.map(\.reason))")

        let patchFile = try #require(overlay.files.first { $0.path.contains("/patches/") })
        let patch = String(decoding: patchFile.bytes, as: UTF8.self)
        #expect(
            patch.contains(
                """
                      volumes:
                      - name: var-cache-nginx
                        emptyDir: {}
                """), "\(patch)")
        #expect(!patch.contains("name: config"), "the patch carries only the new items")
        #expect(patch.contains("mountPath: /var/cache/nginx"))
        #expect(patch.contains("readOnlyRootFilesystem: true"))

        guard let kubectl = KustomizeOverlayTests.kubectl else {
            Issue.record("kubectl not found (CI=true): install it or set BATTEN_KUBECTL")
            return
        }
        let output = Array(try kubectl.kustomize(overlay.directory).utf8)
        let built = try #require(OverrideTestSupport.objects(output).values.first)
        let spec = try #require(built["spec"]?["template"]?["spec"])
        let volumes = (spec["volumes"]?.items ?? []).compactMap { $0["name"]?.scalarText }
        #expect(Set(volumes) == ["config", "var-cache-nginx", "var-run", "tmp"])
        let mounts = (spec["containers"]?.items?.first?["volumeMounts"]?.items ?? []).compactMap { $0["mountPath"]?.scalarText }
        #expect(Set(mounts) == ["/etc/nginx/conf.d", "/var/cache/nginx", "/var/run", "/tmp"])

        let after = Analyzer(policy: try OverrideTestSupport.productionPolicy(), today: OverrideTestSupport.today)
            .run(AnalysisRequest(paths: ["-"], environment: OverrideTestSupport.environment())) { output }
        #expect(!after.loaded.hasErrors, "\(after.diagnostics.map(\.description))")
        #expect(!after.activeFindings.contains { $0.ruleID == "writable-root-filesystem" })
        let before = Set(generated.before.activeFindings.map(OverrideTestSupport.identity))
        let new = after.activeFindings.filter { !before.contains(OverrideTestSupport.identity($0)) }
        #expect(new.isEmpty, "new findings: \(new.map(\.message))")
    }
}
