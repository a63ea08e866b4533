import BattenYAML
import Foundation
import Testing

@testable import Batten

/// `batten override --kustomize OUT DIR` on a kustomization: the overlay builds on DIR where it is,
/// addresses the rendered objects, builds with the real `kubectl kustomize` and audits clean for
/// the rules it fixes. The tests fail, not skip, without kubectl.
@Suite("Kustomize input override", .serialized)
struct KustomizeInputOverrideTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    struct Generated: @unchecked Sendable {
        var scratch: URL
        var directory: String
        var overlay: KustomizeOverlay
        var after: AnalysisResult
        var built: String
    }

    /// Generates and writes the overlay of `input` into a new temporary directory, builds it with
    /// kubectl and audits it as a kustomize input.
    static func generate(_ input: String, selection: FixSelection = FixSelection(upTo: .decision)) async throws -> Generated {
        let kubectl = try #require(Kubectl.locate(), "kubectl is needed: install it or set BATTEN_KUBECTL")
        let scratch = try TemporaryDirectory.make("kustomize-input")
        let directory = scratch.appendingPathComponent("hardened").path
        let policy = try OverrideTestSupport.productionPolicy()
        let result: Result<KustomizeOverlay, OverrideRefusal> = await KustomizeInputTests.offPool {
            let generator = KustomizeOverlayGenerator(policy: policy, selection: selection, today: OverrideTestSupport.today)
            let request = AnalysisRequest(paths: [input], environment: OverrideTestSupport.environment(), jobs: 2)
            let before = generator.analyse(request)
            return generator.generate(before, request: request, directory: directory, command: "batten override --kustomize hardened")
        }
        let overlay = try result.get()
        try KustomizeOverlayWriter(overlay: overlay, command: "batten override --kustomize hardened").write()
        let built = try kubectl.kustomize(directory)
        let after = await KustomizeInputTests.offPool {
            Analyzer(policy: policy, today: OverrideTestSupport.today)
                .run(AnalysisRequest(paths: [directory], environment: OverrideTestSupport.environment(), jobs: 2)) { [] }
        }
        return Generated(scratch: scratch, directory: directory, overlay: overlay, after: after, built: built)
    }

    static func kustomization(_ generated: Generated) throws -> YAMLValue {
        let text = try String(contentsOfFile: generated.directory + "/kustomization.yaml", encoding: .utf8)
        let document = try #require(YAMLParser.parse(SourceFile(path: "kustomization.yaml", text: text)).documents.first)
        return try #require(document.root.map { document.value($0) })
    }

    @Test("the overlay on top of overlays/prod and overlays/dev builds and re-audits clean for the fixed rules", arguments: ["prod", "dev"])
    func overlayBuildsAndAuditsClean(_ name: String) async throws {
        let input = Self.fixtures + "/kustomize/overlays/" + name
        let generated = try await Self.generate(input)
        defer { try? FileManager.default.removeItem(at: generated.scratch) }
        #expect(!generated.overlay.fixed.isEmpty)
        // Built on the input where it is: no copies.
        let resources = (try Self.kustomization(generated)["resources"]?.items ?? []).compactMap(\.scalarText)
        #expect(resources == [OverridePaths.relative(from: FileReader.absolute(generated.directory), to: FileReader.absolute(input))])
        #expect(!generated.overlay.files.contains { $0.path.contains("/resources/") })
        #expect(!generated.after.loaded.hasErrors, "\(generated.after.diagnostics.map(\.description))")
        let fixed = Set(generated.overlay.fixed.map { "\($0.ruleID) \($0.target.name)" })
        let left = generated.after.activeFindings.filter { fixed.contains("\($0.ruleID) \($0.target.name)") }
        #expect(left.isEmpty, "still reported: \(left.map(\.message))")
        let fixable = generated.after.activeFindings.filter { FixSelection(upTo: .decision).admits($0) }
        #expect(fixable.isEmpty, "left with a fix: \(fixable.map(\.message))")
    }

    @Test("namePrefix, images:, replicas: and a component: the patch addresses the rendered name and keeps the transformers' work")
    func transformersAndComponent() async throws {
        let generated = try await Self.generate(Self.fixtures + "/kustomize-fix/deploy/overlays/prod")
        defer { try? FileManager.default.removeItem(at: generated.scratch) }
        let patches = generated.overlay.files.filter { $0.path.contains("/patches/") }
        #expect(patches.count == 1)
        let patch = try #require(patches.first)
        let document = try #require(YAMLParser.parse(SourceFile(path: patch.path, bytes: patch.bytes)).documents.first)
        let value = try #require(document.root.map { document.value($0) })
        #expect(value["metadata"]?["name"]?.scalarText == "prod-api")
        #expect(Set(generated.overlay.fixed.map(\.ruleID)) == ["privileged-container", "privilege-escalation", "writable-root-filesystem"])
        let objects = OverrideTestSupport.objects(Array(generated.built.utf8))
        let deployment = try #require(objects.first { $0.key.contains("Deployment") }?.value)
        #expect(deployment["metadata"]?["name"]?.scalarText == "prod-api")
        #expect(deployment["spec"]?["replicas"]?.scalarText == "3")
        #expect(deployment["metadata"]?["annotations"]?["example.com/audited"]?.scalarText == "true")
        let container = try #require(deployment["spec"]?["template"]?["spec"]?["containers"]?.items?.first)
        #expect(container["image"]?.scalarText == "registry.example.com/api:1.4.3")
        #expect(container["securityContext"]?["privileged"]?.scalarText == "false")
        #expect(container["securityContext"]?["readOnlyRootFilesystem"]?.scalarText == "true")
        #expect(!generated.after.activeFindings.contains { FixSelection(upTo: .decision).admits($0) })
    }

    @Test("loose manifests and a kustomization in one overlay are refused with a clear message")
    func mixedInputIsRefused() async throws {
        let policy = try OverrideTestSupport.productionPolicy()
        let loose = OverrideTestSupport.packageRoot.appendingPathComponent("Samples/kubernetes/webapp").path
        let input = Self.fixtures + "/kustomize/overlays/prod"
        let result: Result<KustomizeOverlay, OverrideRefusal> = await KustomizeInputTests.offPool {
            let generator = KustomizeOverlayGenerator(policy: policy, today: OverrideTestSupport.today)
            let request = AnalysisRequest(paths: [input, loose], environment: OverrideTestSupport.environment(), jobs: 2)
            return generator.generate(generator.analyse(request), request: request, directory: "/tmp/unused-overlay", command: "batten")
        }
        guard case .failure(let refusal) = result else {
            Issue.record("a mixed input must be refused")
            return
        }
        #expect(refusal.description.contains("not both in one overlay"), "\(refusal.description)")
    }
}
