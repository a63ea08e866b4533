import Batten
import Foundation

/// Measurement (b): `batten audit --format json` (or `text`) end to end in process, with the
/// `production` policy: collect, read, parse, load, audit, and write the report as it goes.
struct AuditPhase {
    let root: String
    let policy: ResolvedPolicy
    let format: ReportFormat

    struct Outcome {
        var workloads: Int
        var findings: Int
        var diagnostics: Int
        var reportBytes: Int
        /// Seconds spent writing the report (findings and tail), within the audit's time.
        var reportSeconds: Double
    }

    init(root: String, format: ReportFormat) throws {
        self.root = root
        self.format = format
        guard let policy = PolicyResolver().resolve(selection: "production", workingDirectory: root).policy else {
            throw BenchError("the built-in production policy does not load")
        }
        self.policy = policy
    }

    /// `batten audit --format json|text` to standard output: the report is written while the
    /// analysis runs, its bytes counted here instead of written.
    func run(jobs: Int) -> Outcome {
        let request = AnalysisRequest(paths: [root], environment: [:], jobs: jobs)
        let analyzer = Analyzer(policy: policy, today: "2025-06-01")
        var size = 0
        func audit(into inner: some Reporter) -> Outcome {
            var reporter = TimedReporter(inner)
            var output = ReportOutput { size += $0.count }
            let (result, report) = analyzer.stream(request, into: &reporter, output: &output, threshold: policy.failOn)
            return Outcome(
                workloads: result.workloadSummaries.count, findings: report.tally.total, diagnostics: result.diagnostics.count,
                reportBytes: size, reportSeconds: reporter.seconds)
        }
        return format == .json ? audit(into: JSONReporter()) : audit(into: TextReporter())
    }
}

/// A failure of the benchmark itself.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
