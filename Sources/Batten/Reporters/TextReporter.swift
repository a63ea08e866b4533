import BattenYAML

/// The terminal report: each finding as `path:line:col: severity[rule-id] message`, the source line
/// with a caret, a one-line remediation; then counts by severity and a per-workload table of
/// control families.
public struct TextReporter: Reporter {
    public var style: TerminalStyle
    /// Also list suppressed findings (marked as such).
    public var showSuppressed: Bool

    public init(style: TerminalStyle = .plain, showSuppressed: Bool = false) {
        self.style = style
        self.showSuppressed = showSuppressed
    }

    public func render(_ report: Report) -> String {
        var lines: [String] = []
        let shown = report.findings.filter { showSuppressed || !$0.isSuppressed }
        for finding in shown {
            lines.append(contentsOf: render(finding, report: report))
        }
        if !shown.isEmpty { lines.append("") }
        lines.append(summary(report))
        let table = workloadTable(report)
        if !table.isEmpty {
            lines.append("")
            lines.append(contentsOf: table)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func render(_ finding: Finding, report: Report) -> [String] {
        let location = "\(finding.location.path):\(finding.location.line):\(finding.location.column)"
        let tag = style.severity("\(finding.severity.rawValue)[\(finding.ruleID)]", finding.severity)
        var lines = ["\(style.bold(location + ":")) \(tag) \(finding.message)"]
        if let source = report.result.loaded.sources[finding.location.path],
           let excerpt = DiagnosticRenderer.excerpt(source: source, position: finding.location.start) {
            lines += excerpt.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        if let remediation = report.rule(finding.ruleID)?.remediation {
            lines.append("    " + style.dim("fix: " + remediation))
        }
        if let suppression = finding.suppression {
            lines.append("    " + style.dim("suppressed (\(suppression.source.rawValue)): \(suppression.reason)"))
        }
        for note in finding.notes { lines.append("    " + style.dim("note: " + note)) }
        return lines
    }

    func summary(_ report: Report) -> String {
        let active = report.activeFindings.count
        let suppressed = report.findings.count - active
        let workloads = report.result.workloads.count
        var text = active == 1 ? "1 finding" : "\(active) findings"
        let counts = report.severityCounts.map { style.severity("\($1) \($0.rawValue)", $0) }
        if !counts.isEmpty { text += ": " + counts.joined(separator: ", ") }
        if suppressed > 0 { text += " (\(suppressed) suppressed)" }
        text += " in \(workloads) workload\(workloads == 1 ? "" : "s")"
        let errors = report.diagnostics.filter { $0.level == .error }.count
        if errors > 0 { text += "; \(errors) file\(errors == 1 ? "" : "s") could not be analysed" }
        text += "; policy \(report.result.policy.name), failing at \(report.threshold.rawValue)"
        return text
    }

    func workloadTable(_ report: Report) -> [String] {
        let workloads = report.result.workloads
        guard !workloads.isEmpty else { return [] }
        let families = ControlFamily.allCases.filter { $0 != .meta }
        let header = ["workload"] + families.map(\.title)
        var rows: [[String]] = []
        for workload in workloads {
            let results = report.familyResults(for: workload)
            rows.append([workload.displayName] + results.map { _, passed in
                switch passed {
                case .none: return "-"
                case .some(true): return "pass"
                case .some(false): return "FAIL"
                }
            })
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func format(_ row: [String], colour: Bool) -> String {
            row.enumerated().map { index, cell in
                let padded = cell + String(repeating: " ", count: widths[index] - cell.count)
                guard colour, index > 0 else { return padded }
                if cell == "FAIL" { return style.severity(padded, .high) }
                if cell == "pass" { return style.green(padded) }
                return style.dim(padded)
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        return [style.bold(format(header, colour: false))] + rows.map { format($0, colour: true) }
    }
}
