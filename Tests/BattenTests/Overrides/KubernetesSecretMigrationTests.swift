import BattenYAML
import Foundation
import Testing

@testable import Batten

/// A plaintext `env` value of a Kubernetes container becomes a `secretKeyRef`: a decision with a
/// Secret to paste in `batten fix`, and in the kustomize overlay a Secret generated from an env file
/// the user fills (built with the real `kubectl kustomize`). The literal appears in no output.
@Suite("Plaintext Kubernetes env values become secretKeyRefs")
struct KubernetesSecretMigrationTests {
    static let secret = "BATTEN-FAKE-K8S-SECRET-91c2"
    static let other = "BATTEN-OTHER-K8S-SECRET-5d7e"

    /// A Deployment with two containers: block items, a flow item, a value shared by both containers.
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
          namespace: store
        spec:
          selector:
            matchLabels:
              app: shop
          template:
            metadata:
              labels:
                app: shop
            spec:
              containers:
              - name: web
                image: example/web:2.0
                env:
                - name: DB_PASSWORD
                  value: \(secret)
                - {name: API_TOKEN, value: \(other)}
                - name: LOG_LEVEL
                  value: info
              - name: worker
                image: example/worker:2.0
                env:
                - name: DATABASE_PASSWORD
                  value: \(secret)

        """

    static func findings(_ text: String) throws -> [Finding] {
        try ExampleRunner.run(text, format: .kubernetes).findings.filter { $0.ruleID == "plaintext-secret" }
    }

    static func expectNoLiteral(_ text: String, _ what: String) {
        for literal in [secret, other] {
            #expect(!text.contains(literal), "\(what) shows a secret literal:\n\(text)")
        }
    }

    @Test("each value is a decision with a Secret to create and the env item to paste")
    func decisionWithSnippet() throws {
        let findings = try Self.findings(Self.deployment)
        #expect(findings.count == 3)
        for finding in findings {
            let fix = try #require(finding.fix)
            #expect(fix.kind == .decision)
            let reason = try #require(fix.reason)
            #expect(reason.contains("the pod does not start until it exists"))
            #expect(reason.contains("kubectl create secret generic shop-secrets -n store --from-literal="))
            let snippet = FixSnippet.lines(for: fix, target: finding.target)
            #expect(snippet.contains("kind: Secret"))
            #expect(snippet.contains("  name: shop-secrets") && snippet.contains("  namespace: store"))
            #expect(snippet.contains { $0.contains(": \(KubernetesSecretMigration.placeholder)") })
            #expect(snippet.contains("    secretKeyRef:") || snippet.contains("      secretKeyRef:"), "\(snippet)")
            Self.expectNoLiteral(snippet.joined(separator: "\n") + fix.labelledTitle, "the snippet")
        }
        let keys = findings.compactMap { $0.fix.flatMap { KubernetesSecretMigration.reference(of: $0, namespace: "store")?.key } }
        #expect(keys.sorted() == ["API_TOKEN", "DB_PASSWORD", "DB_PASSWORD"], "equal values share one key: \(keys)")
    }

    @Test("the text report shows the decision with its Secret and env item, never the value")
    func textReport() throws {
        let directory = try ExampleRunner.write(Self.deployment, format: .kubernetes, files: [:])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = Analyzer(policy: try OverrideTestSupport.productionPolicy(), today: OverrideTestSupport.today)
            .run(AnalysisRequest(paths: [directory.path], environment: OverrideTestSupport.environment()))
        let text = TextReporter(showSuppressed: true).render(Report(result: result, threshold: .high))
        Self.expectNoLiteral(text, "the text report")
        #expect(
            text.contains("decision, not applied unless asked (--include decisions): Take DB_PASSWORD from key DB_PASSWORD of the Secret shop-secrets"),
            "\(text)")
        #expect(text.contains("kind: Secret") && text.contains("secretKeyRef:"), "\(text)")
    }

    @Test("--include decisions rewrites the items to valueFrom and the re-audit accepts them")
    func fixAppliesTheDecision() throws {
        let fixed = try ExampleRunner.fix(Self.deployment, format: .kubernetes, rule: "plaintext-secret")
        #expect(fixed.refusals.isEmpty, "\(fixed.refusals)")
        #expect(!fixed.stillTriggers)
        Self.expectNoLiteral(fixed.text, "the fixed manifest")
        #expect(
            fixed.text.contains(
                "        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: shop-secrets\n              key: DB_PASSWORD\n"
            ),
            "\(fixed.text)")
        #expect(fixed.text.contains("- {name: API_TOKEN, valueFrom: {secretKeyRef: {name: shop-secrets, key: API_TOKEN}}}"))
        #expect(fixed.text.components(separatedBy: "key: DB_PASSWORD").count == 3, "the worker shares the key:\n\(fixed.text)")
        #expect(fixed.text.contains("key: API_TOKEN"))
        #expect(fixed.text.contains("value: info"))
        let known = try ExampleRunner.fix(Self.deployment, format: .kubernetes, rule: "plaintext-secret", upTo: .known)
        #expect(known.text == Self.deployment, "a decision is not applied without --include decisions")
    }

    @Test("the edit is made in place: a comment on the value's line stays, and a second run changes nothing")
    func fixKeepsTheComment() throws {
        let manifest = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: api
            spec:
              containers:
              - name: api
                image: example/api:3.1
                env:
                - name: API_TOKEN
                  value: \(Self.secret)   # rotated every month
                - name: LOG_LEVEL
                  value: info

            """
        let fixed = try ExampleRunner.fix(manifest, format: .kubernetes, rule: "plaintext-secret")
        #expect(fixed.refusals.isEmpty, "\(fixed.refusals)")
        Self.expectNoLiteral(fixed.text, "the fixed manifest")
        #expect(
            fixed.text.contains(
                "    - name: API_TOKEN\n      valueFrom:   # rotated every month\n        secretKeyRef:\n          name: api-secrets\n          key: API_TOKEN\n"
            ),
            "\(fixed.text)")
        let again = try ExampleRunner.fix(fixed.text, format: .kubernetes, rule: "plaintext-secret")
        #expect(again.text == fixed.text)
    }

    @Test("a name taken by another value gets the container's name")
    func distinctValuesDistinctKeys() throws {
        let text = Self.deployment.replacingOccurrences(
            of: "DATABASE_PASSWORD\n          value: \(Self.secret)", with: "DB_PASSWORD\n          value: \(Self.other)x")
        let keys = try Self.findings(text).compactMap { $0.fix.flatMap { KubernetesSecretMigration.reference(of: $0, namespace: nil)?.key } }
        #expect(keys.sorted() == ["API_TOKEN", "DB_PASSWORD", "worker-DB_PASSWORD"], "\(keys)")
    }

    // MARK: - The kustomize overlay

    struct Overlay {
        var root: URL
        var directory: URL
        var overlay: KustomizeOverlay
    }

    static func overlay(_ manifest: String, root existing: URL? = nil) throws -> Overlay {
        let root = try existing ?? TemporaryDirectory.make("k8s-secrets")
        let input = root.appendingPathComponent("manifest.yaml")
        try Data(manifest.utf8).write(to: input)
        let directory = root.appendingPathComponent("overlay")
        let generator = KustomizeOverlayGenerator(policy: try OverrideTestSupport.productionPolicy(), today: OverrideTestSupport.today)
        let request = AnalysisRequest(paths: [input.path], environment: OverrideTestSupport.environment())
        let overlay = try generator.generate(
            generator.analyse(request), request: request, directory: directory.path, command: "batten override --kustomize overlay"
        ).get()
        try KustomizeOverlayWriter(overlay: overlay, command: "batten override --kustomize overlay").write()
        return Overlay(root: root, directory: directory, overlay: overlay)
    }

    static func files(in directory: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: url.path), !url.hasDirectoryPath else { continue }
            files[url.path.replacingOccurrences(of: directory.path + "/", with: "")] = String(decoding: data, as: UTF8.self)
        }
        return files
    }

    @Test("the overlay generates the Secret from an env file to fill, and kustomize's suffix reaches the secretKeyRefs")
    func overlayGeneratesTheSecret() throws {
        let kubectl = try #require(Kubectl.locate(), "kubectl not found: install it or set BATTEN_KUBECTL")
        let generated = try Self.overlay(Self.deployment)
        defer { try? FileManager.default.removeItem(at: generated.root) }
        #expect(generated.overlay.fixed.filter { $0.ruleID == "plaintext-secret" }.count == 3)
        let files = try Self.files(in: generated.directory)
        for (path, text) in files { Self.expectNoLiteral(text, path) }
        let envFile = try #require(files["secrets/store-shop-secrets.env"], "\(files.keys.sorted())")
        #expect(envFile.hasSuffix("DB_PASSWORD=\nAPI_TOKEN=\n"), "\(envFile)")
        let kustomization = try #require(files["kustomization.yaml"])
        #expect(kustomization.contains("secretGenerator:"))
        #expect(kustomization.contains("envs:\n  - secrets/store-shop-secrets.env") || kustomization.contains("- secrets/store-shop-secrets.env"))
        #expect(kustomization.contains("#   secrets/store-shop-secrets.env: DB_PASSWORD, API_TOKEN of the Secret shop-secrets"), "\(kustomization)")
        let patch = try #require(files.first { $0.key.hasPrefix("patches/") }?.value)
        #expect(patch.contains("value: null"), "\(patch)")
        #expect(try #require(files[GeneratedFilesManifest.fileName]).contains("secrets/store-shop-secrets.env"))

        let output = try kubectl.kustomize(generated.directory.path)
        Self.expectNoLiteral(output, "kubectl kustomize")
        let objects = OverrideTestSupport.objects(Array(output.utf8))
        let secret = try #require(objects.values.first { $0["kind"]?.scalarText == "Secret" })
        let name = try #require(secret["metadata"]?["name"]?.scalarText)
        #expect(name.hasPrefix("shop-secrets-") && secret["metadata"]?["namespace"]?.scalarText == "store")
        #expect(Set((secret["data"]?.entries ?? []).compactMap(\.key.scalarText)) == ["DB_PASSWORD", "API_TOKEN"])
        let deployment = try #require(objects.values.first { $0["kind"]?.scalarText == "Deployment" })
        let containers = deployment["spec"]?["template"]?["spec"]?["containers"]?.items ?? []
        var references: [String] = []
        for container in containers {
            for item in container["env"]?.items ?? [] where item["valueFrom"] != nil {
                #expect(item["value"] == nil, "\(item)")
                references.append(
                    (item["valueFrom"]?["secretKeyRef"]?["name"]?.scalarText ?? "") + "/"
                        + (item["valueFrom"]?["secretKeyRef"]?["key"]?.scalarText ?? ""))
            }
        }
        #expect(references.sorted() == ["\(name)/API_TOKEN", "\(name)/DB_PASSWORD", "\(name)/DB_PASSWORD"], "\(references)")
        let after = Analyzer(policy: try OverrideTestSupport.productionPolicy(), today: OverrideTestSupport.today)
            .run(AnalysisRequest(paths: ["-"], environment: OverrideTestSupport.environment())) { Array(output.utf8) }
        #expect(!after.activeFindings.contains { $0.ruleID == "plaintext-secret" })
    }

    @Test("a filled env file is kept on the next run, with the keys it lacks added")
    func filledEnvFileIsKept() throws {
        let generated = try Self.overlay(Self.deployment)
        defer { try? FileManager.default.removeItem(at: generated.root) }
        let envPath = generated.directory.appendingPathComponent("secrets/store-shop-secrets.env").path
        try Data("DB_PASSWORD=filled-by-hand\n".utf8).write(to: URL(fileURLWithPath: envPath))
        _ = try Self.overlay(Self.deployment, root: generated.root)
        let kept = String(decoding: try #require(FileManager.default.contents(atPath: envPath)), as: UTF8.self)
        #expect(kept == "DB_PASSWORD=filled-by-hand\nAPI_TOKEN=\n")
        _ = try Self.overlay(Self.deployment, root: generated.root)
        let again = String(decoding: try #require(FileManager.default.contents(atPath: envPath)), as: UTF8.self)
        #expect(again == kept, "a third run keeps the file as it is")
    }

    @Test("a kind kustomize cannot merge strategically gets no patch: the move stays a decision")
    func rolloutStaysADecision() throws {
        let rollout = Self.deployment.replacingOccurrences(of: "apiVersion: apps/v1\nkind: Deployment", with: "apiVersion: argoproj.io/v1alpha1\nkind: Rollout")
        let generated = try Self.overlay(rollout)
        defer { try? FileManager.default.removeItem(at: generated.root) }
        #expect(!generated.overlay.fixed.contains { $0.ruleID == "plaintext-secret" })
        let files = try Self.files(in: generated.directory)
        // The copy of the input keeps the value the overlay does not move, as the input does.
        for (path, text) in files where !path.hasPrefix("resources/") { Self.expectNoLiteral(text, path) }
        #expect(files.keys.allSatisfy { !$0.hasPrefix("secrets/") })
        #expect(try #require(files["kustomization.yaml"]).contains("kubectl create secret generic shop-secrets -n store"))
    }
}
