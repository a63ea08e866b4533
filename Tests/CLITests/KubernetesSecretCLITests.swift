import Foundation
import Testing

/// `batten fix --include decisions` and `batten override --kustomize` move a plaintext Kubernetes
/// `env` value to a `secretKeyRef`, say which Secret to create or fill, and never show the value.
@Suite struct KubernetesSecretCLITests {
    static let secret = "BATTEN-FAKE-K8S-CLI-SECRET-3b8d"

    static let manifest = """
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
              value: \(secret)

        """

    static func expectNoSecret(_ run: CLIHarness.Run, _ what: String) {
        #expect(!run.stdout.contains(secret), "stdout of \(what) shows the secret:\n\(run.stdout)")
        #expect(!run.stderr.contains(secret), "stderr of \(what) shows the secret:\n\(run.stderr)")
    }

    @Test func fixWithDecisionsNamesTheSecretToCreate() throws {
        let scratch = try CLIHarness.temporaryDirectory("k8s-secret-fix")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = scratch.appendingPathComponent("pod.yaml")
        try Data(Self.manifest.utf8).write(to: path)
        let audit = try CLIHarness.run(["audit", "pod.yaml"], in: scratch)
        Self.expectNoSecret(audit, "audit")
        #expect(audit.stdout.contains("kind: Secret"), "\(audit.stdout)")
        let diff = try CLIHarness.run(["fix", "--include", "decisions", "pod.yaml"], in: scratch)
        Self.expectNoSecret(diff, "fix (diff)")
        let run = try CLIHarness.run(["fix", "--include", "decisions", "--write", "pod.yaml"], in: scratch)
        Self.expectNoSecret(run, "fix --write")
        #expect(
            run.stderr.contains(
                "secret api-secrets, key API_TOKEN: create it with the value before the pod starts: kubectl create secret generic api-secrets --from-literal=API_TOKEN=…"
            ),
            "\(run.stderr)")
        let text = String(decoding: try #require(FileManager.default.contents(atPath: path.path)), as: UTF8.self)
        #expect(!text.contains(Self.secret) && text.contains("secretKeyRef:"), "\(text)")
        let after = try CLIHarness.run(["audit", "pod.yaml"], in: scratch)
        #expect(!after.stdout.contains("plaintext-secret"), "\(after.stdout)")
    }

    @Test func kustomizeOverlayWritesNoSecret() throws {
        let scratch = try CLIHarness.temporaryDirectory("k8s-secret-overlay")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(Self.manifest.utf8).write(to: scratch.appendingPathComponent("pod.yaml"))
        let run = try CLIHarness.run(["override", "--kustomize", "overlay", "pod.yaml"], in: scratch)
        Self.expectNoSecret(run, "override --kustomize")
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let overlay = scratch.appendingPathComponent("overlay")
        let enumerator = FileManager.default.enumerator(at: overlay, includingPropertiesForKeys: nil)
        var names: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            names.append(url.lastPathComponent)
            #expect(!String(decoding: data, as: UTF8.self).contains(Self.secret), "\(url.path) holds the secret")
        }
        #expect(names.contains("api-secrets.env"), "\(names)")
    }
}
