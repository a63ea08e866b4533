/// A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the gate's verdict,
/// counts by severity, a table of findings, and one collapsed section per workload with its
/// control families and what to do.
public struct MarkdownReporter: WholeReportFormat {
    /// Rows of the findings table; more are counted, not listed (a comment holds 65536 characters).
    public var tableLimit: Int
    /// Findings listed in one workload's section.
    public var workloadLimit: Int

    public init(tableLimit: Int = 200, workloadLimit: Int = 50) {
        self.tableLimit = tableLimit
        self.workloadLimit = workloadLimit
    }

    /// The findings, kept until the report is finished (``WholeReportFormat``).
    public var collected = CollectedFindings()

    /// The text of `report`, with every finding.
    public func text(_ report: Report) -> String {
        var lines: [String] = []
        let active = report.activeFindings
        lines.append("## Batten: \(Self.count(active.count, "finding"))")
        lines.append("")
        lines.append(verdict(report))
        lines.append("")
        lines.append("| severity | findings |")
        lines.append("| --- | ---: |")
        for level in Severity.allCases.reversed() {
            lines.append("| \(level.rawValue) | \(report.severityTotals[level] ?? 0) |")
        }
        lines.append("")
        var facts = ["\(Self.count(report.workloads.count, "workload")) audited with policy \(MarkdownText.code(report.result.policy.name))"]
        if report.suppressedCount > 0 { facts.append("\(report.suppressedCount) suppressed") }
        if let baseline = report.baseline {
            facts.append("baseline \(MarkdownText.code(baseline.path)): \(baseline.matched) still present, \(baseline.fixed.count) fixed")
        }
        lines.append(facts.joined(separator: "; ") + ".")

        if !report.errors.isEmpty {
            lines.append("")
            lines.append("### Could not analyse")
            lines.append("")
            for diagnostic in report.errors {
                let location = diagnostic.position.map { "\(diagnostic.path):\($0.line):\($0.column)" } ?? diagnostic.path
                lines.append("- \(MarkdownText.code(location)): \(MarkdownText.escape(diagnostic.message))")
            }
        }

        if !active.isEmpty {
            lines.append("")
            lines.append("### Findings")
            lines.append("")
            lines.append("| location | severity | rule | workload | message |")
            lines.append("| --- | --- | --- | --- | --- |")
            for finding in active.prefix(tableLimit) {
                let location = "\(finding.location.path):\(finding.location.line)"
                lines.append(
                    "| \(MarkdownText.code(location)) | \(finding.severity.rawValue) | \(MarkdownText.code(finding.ruleID)) | "
                        + "\(MarkdownText.escape(finding.target.displayName)) | \(MarkdownText.escape(finding.message)) |")
            }
            if active.count > tableLimit {
                lines.append("")
                lines.append("… and \(active.count - tableLimit) more; the JSON or SARIF report lists them all.")
            }
        }

        lines.append(contentsOf: workloadSections(report))

        if let baseline = report.baseline, !baseline.fixed.isEmpty {
            lines.append("")
            lines.append("<details>")
            lines.append("<summary>Fixed since the baseline: \(baseline.fixed.count)</summary>")
            lines.append("")
            for entry in baseline.fixed {
                var target = entry.workload
                if let container = entry.container { target += " container \(container)" }
                lines.append("- \(MarkdownText.code(entry.ruleID)) \(MarkdownText.escape(target)) (\(MarkdownText.code(entry.file)))")
            }
            lines.append("")
            lines.append("</details>")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func verdict(_ report: Report) -> String {
        let threshold = MarkdownText.code(report.threshold.rawValue)
        if !report.errors.isEmpty {
            let files = Set(report.errors.map(\.path)).count
            return "**Incomplete:** \(Self.count(files, "file")) could not be analysed."
        }
        if report.failingCount > 0 {
            return "**Failed:** \(Self.count(report.failingCount, "finding")) at or above \(threshold)."
        }
        return "**Passed:** no finding at or above \(threshold)."
    }

    func workloadSections(_ report: Report) -> [String] {
        guard !report.workloads.isEmpty else { return [] }
        var findingsByWorkload: [String: [Finding]] = [:]
        for finding in report.activeFindings { findingsByWorkload[finding.workloadID, default: []].append(finding) }
        var lines = ["", "### Workloads"]
        var seen = Set<String>()
        for workload in report.workloads where seen.insert(workload.id).inserted {
            let findings = findingsByWorkload[workload.id] ?? []
            let families = report.familyResults(for: workload)
            let failing = families.filter { $0.1 == false }.map { $0.0.title }
            var summary = "<b>\(HTMLText.escape(workload.displayName))</b>: \(Self.count(findings.count, "finding"))"
            if !failing.isEmpty { summary += "; failing: " + HTMLText.escape(failing.joined(separator: ", ")) }
            lines.append("")
            lines.append("<details>")
            lines.append("<summary>\(summary)</summary>")
            lines.append("")
            lines.append("| control | result |")
            lines.append("| --- | --- |")
            for (family, passed) in families {
                lines.append("| \(family.title) | \(passed.map { $0 ? "pass" : "**fail**" } ?? "not checked") |")
            }
            if !findings.isEmpty { lines.append("") }
            for finding in findings.prefix(workloadLimit) {
                let location = "\(finding.location.path):\(finding.location.line)"
                lines.append(
                    "- **\(finding.severity.rawValue)** \(MarkdownText.code(finding.ruleID)) at \(MarkdownText.code(location)): "
                        + MarkdownText.escape(finding.message))
                if let remediation = report.rule(finding.ruleID)?.remediation {
                    lines.append("  Fix: " + MarkdownText.escape(remediation))
                }
            }
            if findings.count > workloadLimit { lines.append("- … and \(findings.count - workloadLimit) more") }
            lines.append("")
            lines.append("</details>")
        }
        return lines
    }

    static func count(_ count: Int, _ noun: String) -> String { count == 1 ? "1 \(noun)" : "\(count) \(noun)s" }
}
