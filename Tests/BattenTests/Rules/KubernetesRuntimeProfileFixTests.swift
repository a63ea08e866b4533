import BattenYAML
import Testing

@testable import Batten

/// A language runtime's image (node, python) does not say what the application on top of it needs:
/// the Kubernetes fixes of `runs-as-root` and `writable-root-filesystem` are decisions, as for Compose.
struct KubernetesRuntimeProfileFixTests {
    static func pod(_ image: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: app
        spec:
          containers:
          - name: app
            image: \(image)
        """
    }

    static func fixes(_ rule: any Rule.Type, _ image: String) throws -> [Fix] {
        try KubernetesProfileFixTests.findings(rule, Self.pod(image)).compactMap(\.fix)
    }

    @Test(arguments: ["node:22", "python:3.13"])
    func runsAsRootIsADecisionForARuntime(_ image: String) throws {
        let fixes = try Self.fixes(RunsAsRootRule.self, image)
        #expect(!fixes.isEmpty)
        #expect(fixes.allSatisfy { $0.kind == .decision }, "\(fixes.map(\.labelledTitle))")
        #expect(fixes.contains { $0.reason?.contains("is a language runtime") == true })
    }

    @Test(arguments: ["node:22", "python:3.13"])
    func readOnlyRootIsADecisionForARuntime(_ image: String) throws {
        let fixes = try Self.fixes(WritableRootFilesystemRule.self, image)
        #expect(fixes.count == 1)
        #expect(fixes.first?.kind == .decision)
        #expect(fixes.first?.reason?.contains("is a language runtime") == true)
    }

    @Test func aServiceImageStaysKnown() throws {
        let fixes = try Self.fixes(WritableRootFilesystemRule.self, "nginx:1.27")
        #expect(fixes.first?.kind == .known)
    }
}
