import Batten
import Foundation

/// Measurement (b): `batten audit --format json` (or `text`) end to end in process, with the
/// `production` policy: collect, read, parse, load, audit, and render the report.
struct AuditPhase {
    let root: String
    let policy: ResolvedPolicy
    let format: ReportFormat

    struct Outcome {
        var workloads: Int
        var findings: Int
        var diagnostics: Int
        var reportBytes: Int
        /// Seconds spent reading, parsing, loading and auditing.
        var analysisSeconds: Double
        /// Seconds spent building the report and rendering it.
        var reportSeconds: Double
        /// Peak RSS in bytes when the analysis was done, before the report (nil when not reported).
        var analysisPeakResident: Int?
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
    /// analysis runs (``JSONReportStream``, ``TextReportStream``), its bytes counted here instead
    /// of written.
    func run(jobs: Int) -> Outcome {
        let request = AnalysisRequest(paths: [root], environment: [:], jobs: jobs)
        let analyzer = Analyzer(policy: policy, today: "2025-06-01")
        let start = Clock.now()
        var tally = FindingTally(threshold: policy.failOn)
        var size = 0
        let result: AnalysisResult
        let finish: (Report) -> Void
        if format == .json {
            var stream = JSONReportStream(policy: policy, threshold: policy.failOn) { size += $0.count }
            result = analyzer.stream(request) { part in
                tally.add(part.findings)
                stream.write(part.findings)
            }
            finish = { stream.finish($0) }
        } else {
            var stream = TextReportStream(reporter: TextReporter(), policy: policy, threshold: policy.failOn) {
                size += $0.utf8.count
            }
            result = analyzer.stream(request, quotesSource: true) { part in
                tally.add(part.findings)
                stream.write(part.findings, sources: part.sources, secrets: part.secrets)
            }
            finish = { stream.finish($0) }
        }
        let analyzed = Clock.now()
        let analysisPeak = Memory.peakResident()
        finish(Report(result: result, tally: tally))
        return Outcome(
            workloads: result.workloadSummaries.count, findings: tally.total, diagnostics: result.diagnostics.count,
            reportBytes: size, analysisSeconds: analyzed - start, reportSeconds: Clock.now() - analyzed,
            analysisPeakResident: analysisPeak)
    }
}

/// A failure of the benchmark itself.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
