import BattenYAML

/// The terminal report: each finding as `path:line:col: severity[rule-id] message`, the source line
/// with a caret, a one-line remediation; then counts by severity, what a baseline matched, and a
/// per-workload table of control families.
public struct TextReporter: Reporter {
    public var style: TerminalStyle
    /// Also list suppressed findings (marked as such).
    public var showSuppressed: Bool
    /// Show the source line and the remediation under each finding.
    public var showsDetails: Bool

    /// The report the rules' remediations come from (with the policy's severities).
    private var context: Report?
    private var lastPath: String?
    private var wroteLine = false
    private var wroteFinding = false
    /// The secrets of every part so far: a quoted line is masked with all of them (with the name
    /// patterns of the first part's).
    private var secrets: SecretRedaction?

    public init(style: TerminalStyle = .plain, showSuppressed: Bool = false, showsDetails: Bool = true) {
        self.style = style
        self.showSuppressed = showSuppressed
        self.showsDetails = showsDetails
    }

    /// With details, each finding quotes its source line.
    public var quotesSource: Bool { showsDetails }

    public mutating func begin(_ context: Report, into output: inout ReportOutput) {
        self.context = context
        lastPath = nil
        wroteLine = false
        wroteFinding = false
        secrets = nil
    }

    /// Appends findings, quoting lines of the part's sources masked with the secrets of every
    /// part so far.
    public mutating func write(_ findings: [Finding], of part: AnalysisPart, into output: inout ReportOutput) {
        if let more = part.secrets {
            if secrets == nil { secrets = more } else { secrets?.formUnion(more) }
        }
        var text = ""
        for finding in findings where showSuppressed || !finding.isSuppressed {
            let path = finding.location.path
            if showsDetails, wroteFinding, lastPath != path { line("", into: &text) }
            let known = secrets
            let remediation = context?.rule(finding.ruleID)?.remediation
            let source = part.sources[path]
            for rendered in render(finding, remediation: remediation, source: source, secrets: { known ?? SecretRedaction(joining: []) }) {
                line(rendered, into: &text)
            }
            lastPath = path
            wroteFinding = true
        }
        if !text.isEmpty { output.append(text) }
    }

    /// Writes the summary, the baseline and the workload table of `report`.
    public mutating func finish(_ report: Report, into output: inout ReportOutput) {
        var text = ""
        if wroteFinding { line("", into: &text) }
        for closing in closingLines(report) { line(closing, into: &text) }
        text += "\n"
        output.append(text)
    }

    private mutating func line(_ line: String, into text: inout String) {
        if wroteLine { text += "\n" }
        text += line
        wroteLine = true
    }

    /// The lines of one finding; `source` is the file it points into, `secrets` what to mask in
    /// the quoted line (asked for only when details are shown).
    func render(
        _ finding: Finding, remediation: String?, source: SourceFile?, secrets: () -> SecretRedaction
    ) -> [String] {
        // Names from the input are escaped: a control character must not end the line or start another.
        let location = "\(finding.location.path.escapingControlCharacters):\(finding.location.line):\(finding.location.column)"
        let tag = style.severity("\(finding.severity.rawValue)[\(finding.ruleID)]", finding.severity)
        var lines = ["\(style.bold(location + ":")) \(tag) \(finding.message.escapingControlCharacters)"]
        guard showsDetails else {
            if let suppression = finding.suppression {
                lines[0] += " " + style.dim("(suppressed by \(suppression.source.rawValue): \(suppression.reason.escapingControlCharacters))")
            }
            return lines
        }
        if let source, let (line, caret) = SourceExcerpt.lines(source: source, position: finding.location.start, secrets: secrets()) {
            lines.append("    " + line)
            lines.append("    " + caret)
        }
        if let remediation {
            lines.append("    " + style.dim("fix: " + remediation))
        }
        if let fix = finding.fix, fix.kind == .decision, !finding.isSuppressed {
            lines.append("    " + style.dim("decision, not applied unless asked (--include decisions): " + fix.title.escapingControlCharacters))
            if let reason = fix.reason { lines.append("    " + style.dim("why: " + reason.escapingControlCharacters)) }
            let snippet = fix.changes.isEmpty ? fix.snippet ?? [] : FixSnippet.lines(for: fix, target: finding.target)
            lines += snippet.map { "        " + style.dim($0.escapingControlCharacters) }
        }
        if let suppression = finding.suppression {
            lines.append("    " + style.dim("suppressed (\(suppression.source.rawValue)): \(suppression.reason.escapingControlCharacters)"))
        }
        for note in finding.notes { lines.append("    " + style.dim("note: " + note.escapingControlCharacters)) }
        return lines
    }

    /// The lines after the findings: the summary, the baseline, and the per-workload table.
    func closingLines(_ report: Report) -> [String] {
        var lines = [summary(report)]
        lines.append(contentsOf: baselineLines(report))
        let table = workloadTable(report)
        if !table.isEmpty {
            lines.append("")
            lines.append(contentsOf: table)
        }
        return lines
    }

    func summary(_ report: Report) -> String {
        let active = report.activeCount
        let suppressed = report.suppressedCount
        let workloads = report.workloads.count
        var text = active == 1 ? "1 finding" : "\(active) findings"
        let counts = report.severityCounts.map { style.severity("\($1) \($0.rawValue)", $0) }
        if !counts.isEmpty { text += ": " + counts.joined(separator: ", ") }
        if suppressed > 0 { text += " (\(suppressed) suppressed)" }
        text += " in \(workloads) workload\(workloads == 1 ? "" : "s")"
        let errors = Set(report.errors.map(\.path)).count
        if errors > 0 { text += "; \(errors) file\(errors == 1 ? "" : "s") could not be analysed" }
        text += "; policy \(report.result.policy.name.escapingControlCharacters), failing at \(report.threshold.rawValue)"
        return text
    }

    func baselineLines(_ report: Report) -> [String] {
        guard let baseline = report.baseline else { return [] }
        var lines = [
            "baseline \(baseline.path.escapingControlCharacters): \(baseline.matched) of \(baseline.recorded) recorded finding\(baseline.recorded == 1 ? "" : "s") still present, "
                + "\(baseline.fixed.count) fixed"
        ]
        for entry in baseline.fixed {
            var target = entry.workload
            if let container = entry.container { target += " container \(container)" }
            let text = "\(entry.file): \(entry.ruleID) \(target) (\(entry.setting))"
            lines.append("  " + style.green("fixed:") + " " + text.escapingControlCharacters)
        }
        return lines
    }

    func workloadTable(_ report: Report) -> [String] {
        let workloads = report.workloads
        guard !workloads.isEmpty else { return [] }
        let header = ["workload"] + ControlFamily.reported.map(\.title)
        var rows: [[String]] = []
        rows.reserveCapacity(workloads.count)
        for workload in workloads {
            rows.append(
                [workload.displayName.escapingControlCharacters]
                    + report.familyResults(for: workload).map { _, passed in
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
