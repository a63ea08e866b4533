/// The findings a format that needs all of them at once (SARIF, JUnit, Markdown, GitHub) keeps
/// while the report is written, and the report it renders when it is finished.
public struct CollectedFindings: Sendable {
    public init() {}

    private var findings: [Finding] = []

    /// Keeps `more`, after those already kept.
    mutating func add(_ more: [Finding]) {
        if findings.isEmpty { findings = more } else { findings += more }
    }

    /// `report` with the kept findings: the report itself when it already holds them (a whole report
    /// written at once), else — a streamed report counted its findings as they went by — a copy
    /// that holds them, with the same counts and baseline.
    func report(finishing report: Report) -> Report {
        if report.findings.count == findings.count { return report }
        var result = report.result
        result.findings = findings
        return Report(result: result, tally: report.tally, baseline: report.baseline, toolVersion: report.toolVersion)
    }
}
