import BattenYAML
import Foundation
import Testing

@testable import Batten

/// The analyzer splits its work across threads; what it reports must not depend on how.
@Suite("Parallel analysis")
struct ParallelAnalysisTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let inputs = ["Samples", "Tests/BattenTests/Fixtures"]

    @Test("the report and diagnostics are the same for 1, 2 and 8 jobs", arguments: inputs)
    func sameOutput(_ input: String) throws {
        let path = Self.repository.appendingPathComponent(input).path
        let reports = [1, 2, 8].map { jobs -> (String, [Diagnostic]) in
            let result = RobustnessPipeline.audit([path], jobs: jobs)
            let text = TextReporter(showSuppressed: true).render(Report(result: result, threshold: .high))
            return (text, result.diagnostics)
        }
        #expect(!reports[0].0.isEmpty)
        for report in reports.dropFirst() {
            #expect(report.0 == reports[0].0)
            #expect(report.1 == reports[0].1)
        }
    }

    @Test("a parallel map keeps input order whatever the priority")
    func mapKeepsOrder() {
        let items = Array(0..<1000)
        let weights = items.map { ($0 * 7919) % 101 }
        let doubled = ParallelWork.map(items, jobs: 4, priority: ParallelWork.heaviestFirst(weights)) { $0 * 2 }
        #expect(doubled == items.map { $0 * 2 })
        #expect(ParallelWork.map([Int](), jobs: 4) { $0 }.isEmpty)
    }

    @Test("Kubernetes files loaded in slices give what one pass gives")
    func slicedLoading() throws {
        var text = "# Source: chart/templates/a.yaml\n"
        for index in 0..<700 {
            text +=
                "---\n# Source: chart/templates/pod-\(index).yaml\napiVersion: v1\nkind: \(index % 3 == 0 ? "ServiceAccount" : "Pod")\nmetadata:\n  name: p\(index)\n"
            text += index % 3 == 0 ? "" : "spec:\n  containers:\n    - name: app\n      image: app:\(index)\n"
        }
        let bytes = Array(text.utf8)
        let policy = try #require(PolicyResolver().resolve(selection: "production", workingDirectory: "/").policy)
        let runs = [1, 3].map { jobs in
            let request = AnalysisRequest(paths: ["-"], stdinName: "pods.yaml", environment: [:], jobs: jobs)
            return Analyzer(policy: policy, today: "2026-01-01").run(request) { bytes }
        }
        let whole = runs[0]
        let sliced = runs[1]
        #expect(whole.workloads.count == 466)
        #expect(sliced.workloads.map(\.id) == whole.workloads.map(\.id))
        #expect(sliced.workloads.map(\.sourceTemplate) == whole.workloads.map(\.sourceTemplate))
        #expect(sliced.workloads.map { $0.kubernetes?.serviceAccountAutomount?.value } == whole.workloads.map { $0.kubernetes?.serviceAccountAutomount?.value })
        #expect(sliced.diagnostics == whole.diagnostics)
        let render = { (result: AnalysisResult) in TextReporter(showSuppressed: true).render(Report(result: result, threshold: .high)) }
        #expect(render(sliced) == render(whole))
    }
}
