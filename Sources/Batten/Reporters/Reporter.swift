/// One output format, written as the analysis runs: ``begin(_:into:)`` once, then
/// ``write(_:of:into:)`` with the findings of each part of the input in report order, then
/// ``finish(_:into:)`` once everything is counted. A whole report is the same stream of a single
/// part into a buffer (``render(_:)``); formats that need every finding at once (SARIF, JUnit,
/// Markdown, GitHub) keep them until the report is finished.
///
/// See ``Analyzer/stream(_:into:output:threshold:baseline:readStandardInput:)``.
public protocol Reporter {
    /// True when the report quotes source lines: the parts must come with their files and secrets.
    var quotesSource: Bool { get }

    /// Starts the report. `context` has the policy, the threshold and the rules; its findings and
    /// counts are those of the whole report only when it is written at once.
    mutating func begin(_ context: Report, into output: inout ReportOutput)

    /// Appends `findings`, the findings of `part` once a baseline has had its say, in report order.
    mutating func write(_ findings: [Finding], of part: AnalysisPart, into output: inout ReportOutput)

    /// Writes what follows the findings, from `report`: its counts, baseline and workloads.
    mutating func finish(_ report: Report, into output: inout ReportOutput)
}

extension Reporter {
    /// Writes the whole of `report`: its findings as one part, with every source it kept and — when
    /// the report quotes them — the secrets to mask.
    public mutating func write(_ report: Report, into output: inout ReportOutput) {
        begin(report, into: &output)
        let part = AnalysisPart(
            findings: report.findings, sources: report.result.loaded.sources, secrets: quotesSource ? report.secrets : nil)
        write(report.findings, of: part, into: &output)
        finish(report, into: &output)
        output.flush()
    }

    /// The whole of `report` as UTF-8.
    public func bytes(_ report: Report) -> [UInt8] {
        var reporter = self
        var output = ReportOutput()
        reporter.write(report, into: &output)
        return output.bytes
    }

    /// The whole of `report` as text.
    public func render(_ report: Report) -> String {
        String(decoding: bytes(report), as: UTF8.self)
    }
}
