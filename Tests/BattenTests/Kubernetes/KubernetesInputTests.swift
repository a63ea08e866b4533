import BattenYAML
import Testing

@testable import Batten

@Suite struct KubernetesInputTests {
    static let mixed = KubernetesTestPaths.fixture("mixed")

    @Test func walkedDirectoryWithACustomResourceAndAWorkflow() {
        let loaded = InputLoader().load(AnalysisRequest(paths: [Self.mixed], environment: [:]))
        #expect(loaded.workloads.map(\.name) == ["web"])
        #expect(!loaded.hasErrors)
        #expect(loaded.diagnostics.allSatisfy { $0.level == .note }, "\(loaded.diagnostics)")
        let notes = loaded.diagnostics.map { "\($0.path.split(separator: "/").last ?? ""): \($0.message)" }
        #expect(notes.contains("servicemonitor.yaml: skipped custom resource monitoring.coreos.com/v1 ServiceMonitor shop/web"))
        #expect(notes.contains { $0.hasPrefix("ci-workflow.yml: ") })
        #expect(loaded.kubernetesFiles.count == 2)
    }

    @Test func workflowNamedExplicitlyIsAWarning() {
        let workflow = Self.mixed + "/ci-workflow.yml"
        let crd = Self.mixed + "/servicemonitor.yaml"
        let loaded = InputLoader().load(AnalysisRequest(paths: [workflow, crd], environment: [:]))
        #expect(loaded.workloads.isEmpty)
        #expect(!loaded.hasErrors)
        #expect(loaded.diagnostics.map(\.level).sorted() == [.note, .warning])
        #expect(loaded.diagnostics.first { $0.level == .warning }?.path == workflow)
        #expect(loaded.diagnostics.first { $0.level == .note }?.position?.line == 1)
    }

    @Test func standardInputKeepsItsName() {
        let text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: piped}
            spec: {containers: [{name: app, image: nginx}]}
            """
        for (name, expected) in [("-", "-"), ("rendered/chart.yaml", "rendered/chart.yaml")] {
            let loaded = InputLoader().load(
                AnalysisRequest(paths: ["-"], stdinName: name, environment: [:]), readStandardInput: { Array(text.utf8) })
            #expect(loaded.workloads.map(\.path) == [expected])
            #expect(loaded.workloads.first?.location.path == expected)
            #expect(loaded.workloads.first?.containers.first?.location.path == expected)
        }
    }

    @Test func brokenYAMLKeepsTheDocumentsBeforeTheError() {
        let text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: before}
            spec: {containers: [{name: app, image: nginx}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: [unclosed
            """
        let loaded = InputLoader().load(AnalysisRequest(paths: ["-"], environment: [:]), readStandardInput: { Array(text.utf8) })
        #expect(loaded.workloads.map(\.name) == ["before"])
        #expect(loaded.hasErrors)
    }
}
