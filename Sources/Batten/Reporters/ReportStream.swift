/// A report written while the analysis runs (``JSONReportStream``, ``TextReportStream``):
/// findings part by part, in report order, then the rest once everything is counted. See
/// ``Analyzer/stream(_:into:threshold:baseline:readStandardInput:)``.
public protocol ReportStream {
    /// True when the report quotes source lines: the parts must come with their files and secrets.
    var quotesSource: Bool { get }
    /// Appends `findings`, the findings of `part` once a baseline has had its say.
    mutating func write(_ findings: [Finding], of part: AnalysisPart)
    /// Writes what follows the findings, from `report`.
    mutating func finish(_ report: Report)
}

extension JSONReportStream: ReportStream {
    public var quotesSource: Bool { false }

    public mutating func write(_ findings: [Finding], of part: AnalysisPart) {
        write(findings)
    }
}

extension TextReportStream: ReportStream {
    public var quotesSource: Bool { showsDetails }

    public mutating func write(_ findings: [Finding], of part: AnalysisPart) {
        write(findings, sources: part.sources, secrets: part.secrets)
    }
}
