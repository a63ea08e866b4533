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

    func run(jobs: Int) -> Outcome {
        let request = AnalysisRequest(paths: [root], environment: [:], jobs: jobs)
        let start = Clock.now()
        let result = Analyzer(policy: policy, today: "2025-06-01").run(request)
        let analyzed = Clock.now()
        let analysisPeak = Memory.peakResident()
        let report = Report(result: result, threshold: policy.failOn)
        let reportBytes = Self.render(report, format: format, jobs: jobs)
        return Outcome(
            workloads: result.workloads.count, findings: result.findings.count, diagnostics: result.diagnostics.count,
            reportBytes: reportBytes, analysisSeconds: analyzed - start, reportSeconds: Clock.now() - analyzed,
            analysisPeakResident: analysisPeak)
    }
}

extension AuditPhase {
    /// Renders the report as `batten audit` does before writing it, and returns its size in bytes:
    /// JSON straight to bytes, the other formats as a `String`; the findings of JSON and text on
    /// `jobs` threads.
    static func render(_ report: Report, format: ReportFormat, jobs: Int) -> Int {
        if format == .json { return JSONReporter(jobs: jobs).bytes(report).count }
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
