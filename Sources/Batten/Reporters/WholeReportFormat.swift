/// A format that renders a report only whole (SARIF, JUnit, Markdown, GitHub): as a ``Reporter`` it
/// keeps the findings of every part and writes its text once the report is finished.
public protocol WholeReportFormat: Reporter {
    /// The findings kept until the report is finished; only the stream steps below change it.
    var collected: CollectedFindings { get set }

    /// The text of `report`, with every finding.
    func text(_ report: Report) -> String
}

extension WholeReportFormat {
    /// No source line is quoted.
    public var quotesSource: Bool { false }

    public mutating func begin(_ context: Report, into output: inout ReportOutput) {
        collected = CollectedFindings()
    }

    /// Keeps the findings: the text needs all of them at once.
    public mutating func write(_ findings: [Finding], of part: AnalysisPart, into output: inout ReportOutput) {
        collected.add(findings)
    }

    /// Writes the whole text.
    public mutating func finish(_ report: Report, into output: inout ReportOutput) {
        output.append(text(collected.report(finishing: report)))
    }
}
