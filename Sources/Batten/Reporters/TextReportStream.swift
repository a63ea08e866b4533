import BattenYAML

/// The text report (``TextReporter``) written while the analysis runs: each part's findings as it
/// is handed on, then — once everything is counted — the summary, the baseline and the workload
/// table. The text is that of ``TextReporter/render(_:)`` for the same findings.
public struct TextReportStream {
    private let reporter: TextReporter
    /// A report without findings, for the rules' remediations (with the policy's severities).
    private let context: Report
    private var lastPath: String?
    private var wroteLine = false
    private var wroteFinding = false
    /// The secrets of every part so far: a quoted line is masked with all of them.
    private var secrets = SecretRedaction(joining: [])
    private let sink: (String) -> Void

    /// Whether the findings come with their source lines and remediations.
    public var showsDetails: Bool { reporter.showsDetails }

    public init(reporter: TextReporter, policy: ResolvedPolicy, threshold: Severity, to sink: @escaping (String) -> Void) {
        self.reporter = reporter
        let empty = AnalysisResult(loaded: LoadedInput(), policy: policy, findings: [])
        context = Report(result: empty, tally: FindingTally(threshold: threshold))
        self.sink = sink
    }

    /// Appends findings, in report order, quoting lines of `sources` masked with `secrets`.
    public mutating func write(_ findings: [Finding], sources: [String: SourceFile], secrets part: SecretRedaction?) {
        if let part { secrets.formUnion(part) }
        var text = ""
        for finding in findings where reporter.showSuppressed || !finding.isSuppressed {
            let path = finding.location.path
            if reporter.showsDetails, wroteFinding, lastPath != path { line("", into: &text) }
            let known = secrets
            for rendered in reporter.render(
                finding, remediation: context.rule(finding.ruleID)?.remediation, source: sources[path], secrets: { known })
            {
                line(rendered, into: &text)
            }
            lastPath = path
            wroteFinding = true
        }
        if !text.isEmpty { sink(text) }
    }

    /// Writes the rest from `report`: its counts, baseline and workloads.
    public mutating func finish(_ report: Report) {
        var text = ""
        if wroteFinding { line("", into: &text) }
        for closing in reporter.closingLines(report) { line(closing, into: &text) }
        text += "\n"
        sink(text)
    }

    private mutating func line(_ line: String, into text: inout String) {
        if wroteLine { text += "\n" }
        text += line
        wroteLine = true
    }
}
