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
        /// True when the findings were written while the analysis ran (JSON).
        var streamed: Bool
    }

    init(root: String, format: ReportFormat) throws {
        self.root = root
        self.format = format
        guard let policy = PolicyResolver().resolve(selection: "production", workingDirectory: root).policy else {
            throw BenchError("the built-in production policy does not load")
        }
        self.policy = policy
    }

    func run(jobs: Int) -> Outcome {
        format == .json ? streamed(jobs: jobs) : kept(jobs: jobs)
    }

    /// `batten audit --format json` to standard output: the report is written while the analysis
    /// runs (``JSONReportStream``), its bytes counted here instead of written.
    private func streamed(jobs: Int) -> Outcome {
        let request = AnalysisRequest(paths: [root], environment: [:], jobs: jobs)
        let start = Clock.now()
        var tally = FindingTally(threshold: policy.failOn)
        var size = 0
        var stream = JSONReportStream(policy: policy, threshold: policy.failOn) { size += $0.count }
        let result = Analyzer(policy: policy, today: "2025-06-01").stream(request) { part in
            tally.add(part.findings)
            stream.write(part.findings)
        }
        let analyzed = Clock.now()
        let analysisPeak = Memory.peakResident()
        stream.finish(Report(result: result, tally: tally))
        return Outcome(
            workloads: result.workloadSummaries.count, findings: tally.total, diagnostics: result.diagnostics.count,
            reportBytes: size, analysisSeconds: analyzed - start, reportSeconds: Clock.now() - analyzed,
            analysisPeakResident: analysisPeak, streamed: true)
    }

    /// `batten audit --format text`: the findings are kept (each unit's parsed files go once it is
    /// audited), then the report is rendered.
    private func kept(jobs: Int) -> Outcome {
        let request = AnalysisRequest(paths: [root], environment: [:], jobs: jobs)
        let start = Clock.now()
        let result = Analyzer(policy: policy, today: "2025-06-01").run(
            request, retention: .report(quotesSource: format == .text))
        let analyzed = Clock.now()
        let analysisPeak = Memory.peakResident()
        let report = Report(result: result, threshold: policy.failOn)
        let reportBytes = Self.render(report, format: format, jobs: jobs)
        return Outcome(
            workloads: result.workloadSummaries.count, findings: result.findings.count, diagnostics: result.diagnostics.count,
            reportBytes: reportBytes, analysisSeconds: analyzed - start, reportSeconds: Clock.now() - analyzed,
            analysisPeakResident: analysisPeak, streamed: false)
    }
}

extension AuditPhase {
    /// Renders the report as `batten audit` does to standard output, and returns its size in bytes:
    /// JSON handed on a few megabytes at a time (counted here, written there), the other formats as
    /// a `String`; the findings of JSON and text on `jobs` threads.
    static func render(_ report: Report, format: ReportFormat, jobs: Int) -> Int {
        if format == .json {
            var size = 0
            JSONReporter(jobs: jobs).write(report) { size += $0.count }
            return size
        }
        return format.reporter(jobs: jobs).render(report).utf8.count
    }
}

/// A failure of the benchmark itself.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
