import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Kustomization directories as input, rendered with the real `kubectl kustomize`: a base and two
/// overlays (a strategic merge patch, a JSON 6902 patch, `namePrefix`, `images:`, `replicas:`, a
/// component with an inline patch, a `configMapGenerator`). The tests fail, not skip, without kubectl.
@Suite("Kustomize input", .serialized)
struct KustomizeInputTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kustomize").path

    static let policy: ResolvedPolicy = {
        PolicyResolver().resolve(selection: "production", workingDirectory: "/").policy ?? ResolvedPolicy.only(RuleRegistry.all)
    }()

    static func audit(_ paths: [String], environment: [String: String] = ProcessInfo.processInfo.environment) async -> AnalysisResult {
        let request = AnalysisRequest(paths: paths, environment: environment, jobs: 2)
        return await offPool { Analyzer(policy: policy, today: "2026-01-01").run(request) { [] } }
    }

    /// Runs `work` on a thread of its own: the analysis blocks its thread while the kustomize tool
    /// runs, and a test's own thread is one of the few of the shared pool.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    static func finding(_ result: AnalysisResult, _ rule: String, target: String) -> Finding? {
        result.findings.first { $0.ruleID == rule && $0.target.name == target }
    }

    @Test("kubectl is installed: the kustomize tests need it")
    func kubectlIsInstalled() {
        #expect(KustomizeTool.find(command: nil, environment: ProcessInfo.processInfo.environment) != nil)
    }

    @Test("a strategic merge patch's value is reported on the patch line; the target keeps the rendered name")
    func strategicMergePatch() async throws {
        let result = await Self.audit([Self.fixtures + "/overlays/prod"])
        #expect(!result.loaded.hasErrors)
        let privileged = try #require(Self.finding(result, "privileged-container", target: "prod-web"))
        #expect(privileged.location.path == Self.fixtures + "/overlays/prod/privileged.yaml")
        #expect(privileged.location.line == 11)
        #expect(privileged.message.contains("Deployment web "))
        let image = try #require(Self.finding(result, "mutable-image", target: "prod-web"))
        #expect(image.location.path == Self.fixtures + "/base/deployment.yaml")
        #expect(image.location.line == 23)
        // The annotations kustomize added for Batten are gone before the audit.
        let workload = try #require(result.workloads.first)
        #expect(workload.annotations.keys.allSatisfy { !$0.contains("config.kubernetes.io") })
    }

    @Test("a JSON 6902 patch, an images entry and a component's inline patch are located")
    func jsonPatchImagesAndComponent() async throws {
        let result = await Self.audit([Self.fixtures + "/overlays/dev"])
        #expect(!result.loaded.hasErrors)
        let host = try #require(Self.finding(result, "host-namespaces", target: "web"))
        #expect(host.location.path == Self.fixtures + "/overlays/dev/host-network.yaml")
        #expect(host.location.line == 3)
        let image = try #require(Self.finding(result, "mutable-image", target: "web"))
        #expect(image.location.path == Self.fixtures + "/overlays/dev/kustomization.yaml")
        #expect(image.location.line == 8)
        let escalation = try #require(Self.finding(result, "privilege-escalation", target: "web"))
        #expect(escalation.location.path == Self.fixtures + "/components/debug/kustomization.yaml")
        #expect(escalation.location.line == 15)
        #expect(escalation.location.column == 19)
    }

    @Test("a finding on a missing setting points at the container in its resource file, not at the images: entry")
    func missingSettingPointsAtTheObject() async throws {
        let samples = URL(fileURLWithPath: Self.fixtures).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples/kustomize").path
        let result = await Self.audit([samples + "/overlays/prod"])
        #expect(!result.loaded.hasErrors)
        // kustomize writes a container's keys sorted, `image` first: the container, not its image, is the anchor.
        let writable = try #require(Self.finding(result, "writable-root-filesystem", target: "prod-api"))
        #expect(writable.location.path == samples + "/base/deployment.yaml")
        #expect(writable.location.line == 22)
        let image = try #require(Self.finding(result, "mutable-image", target: "prod-api"))
        #expect(image.location.path == samples + "/overlays/prod/kustomization.yaml")
        #expect(image.location.line == 9)
    }

    @Test("a walk renders the overlays; the base and the patch files are not audited again as loose files")
    func walkDoesNotDoubleTheBase() async {
        let result = await Self.audit([Self.fixtures])
        #expect(!result.loaded.hasErrors)
        #expect(Set(result.workloadSummaries.map(\.name)) == ["web", "prod-web"])
        #expect(result.workloadSummaries.count == 2)
        let privileged = result.findings.filter { $0.ruleID == "privileged-container" }
        #expect(privileged.count == 1)
        #expect(!result.findings.contains { $0.location.path.hasSuffix("/base/kustomization.yaml") })
    }

    @Test("no kustomize tool: a located error naming both, and the other inputs are still audited")
    func missingTool() async {
        let result = await Self.audit(
            [Self.fixtures + "/overlays/prod", "Samples/kubernetes/webapp"], environment: ["PATH": "/nonexistent"])
        let error = result.diagnostics.first { $0.level == .error }
        #expect(error?.path == Self.fixtures + "/overlays/prod/kustomization.yaml")
        #expect(error?.message.contains("kubectl") == true && error?.message.contains("kustomize build") == true)
        #expect(result.exitCode(threshold: .high) == 2)
        #expect(result.findings.contains { $0.location.path.hasPrefix("Samples/kubernetes/webapp/") })
    }

    @Test("a broken kustomization: the tool's message on the kustomization file, exit 2, other inputs audited")
    func brokenKustomization() async throws {
        let directory = try TemporaryDirectory.make("broken")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "resources:\n  - missing.yaml\n".write(
            to: directory.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        let result = await Self.audit([directory.path, "Samples/kubernetes/webapp"])
        let error = try #require(result.diagnostics.first { $0.level == .error })
        #expect(error.path == directory.path + "/kustomization.yaml")
        #expect(error.message.contains("missing.yaml"))
        #expect(result.exitCode(threshold: .high) == 2)
        #expect(result.findings.contains { $0.location.path.hasPrefix("Samples/kubernetes/webapp/") })
        // The user's directory holds only what it held.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["kustomization.yaml"])
    }

    @Test("batten config names, per value, the file that set it")
    func configNamesFiles() async throws {
        let loaded = await Self.offPool { InputLoader().load(AnalysisRequest(paths: [Self.fixtures + "/overlays/prod"], jobs: 1)) }
        let json = KustomizeConfigRelocation.relocate(KubernetesConfigJSON.render(loaded.workloads), loaded: loaded)
        let text = json.render(pretty: true)
        #expect(text.contains("\"file\": \"\(Self.fixtures)/overlays/prod/privileged.yaml\""))
        #expect(text.contains("\"file\": \"\(Self.fixtures)/base/deployment.yaml\""))
        #expect(!text.contains("config.kubernetes.io"))
    }

    @Test("rendering leaves the user's files untouched")
    func userFilesUntouched() async throws {
        let before = try FileManager.default.subpathsOfDirectory(atPath: Self.fixtures).sorted()
        _ = await Self.audit([Self.fixtures])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: Self.fixtures).sorted() == before)
    }
}
