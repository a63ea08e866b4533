import BattenYAML

/// Writes the findings of the JSON report (``JSONReporter``) as items of the `findings` array, four
/// spaces deep: the members, their order and their text are those of ``JSONReporter/finding(of:report:)``
/// rendered pretty. It remembers the last file's source and the last rule, since consecutive findings
/// mostly share both.
struct JSONFindingWriter {
    let report: Report
    private var lastPath: String?
    private var lastSource: SourceFile?
    private var lastRuleID: String?
    private var lastRule: RuleDescription?

    init(report: Report) {
        self.report = report
    }

    /// Appends `finding` as an array item (after `,` unless `first`).
    mutating func write(_ finding: Finding, first: Bool, into output: inout JSONWriter) {
        let location = finding.location
        let region = SourceRegion(location, source: source(of: location.path))
        let rule = rule(finding.ruleID)
        let target = finding.target
        output.separator(first: first, indent: 4)
        output.byte(UInt8(ascii: "{"))
        output.key("ruleId", first: true, indent: 6)
        output.string(finding.ruleID)
        output.key("title", first: false, indent: 6)
        output.string(rule?.title)
        output.key("severity", first: false, indent: 6)
        output.string(finding.severity.rawValue)
        output.key("family", first: false, indent: 6)
        output.string(rule?.family.rawValue)
        output.key("message", first: false, indent: 6)
        output.string(finding.message)
        output.key("file", first: false, indent: 6)
        output.string(location.path)
        output.key("line", first: false, indent: 6)
        output.int(region.startLine)
        output.key("column", first: false, indent: 6)
        output.int(region.startColumn)
        output.key("endLine", first: false, indent: 6)
        output.int(region.endLine)
        output.key("endColumn", first: false, indent: 6)
        output.int(region.endColumn)
        output.key("target", first: false, indent: 6)
        output.byte(UInt8(ascii: "{"))
        output.key("format", first: true, indent: 8)
        output.string(target.format.rawValue)
        output.key("kind", first: false, indent: 8)
        output.string(target.kind)
        output.key("name", first: false, indent: 8)
        output.string(target.name)
        output.key("namespace", first: false, indent: 8)
        output.string(target.namespace)
        output.key("container", first: false, indent: 8)
        output.string(target.container)
        output.close(UInt8(ascii: "}"), indent: 6)
        output.key("setting", first: false, indent: 6)
        output.string(finding.setting)
        output.key("fingerprint", first: false, indent: 6)
        output.string(FindingFingerprint.of(finding))
        output.key("fix", first: false, indent: 6)
        if let fix = finding.fix {
            output.byte(UInt8(ascii: "{"))
            output.key("safety", first: true, indent: 8)
            output.string(fix.safety.rawValue)
            output.key("title", first: false, indent: 8)
            output.string(fix.title)
            output.close(UInt8(ascii: "}"), indent: 6)
        } else {
            output.null()
        }
        output.key("suppressed", first: false, indent: 6)
        if let suppression = finding.suppression {
            output.byte(UInt8(ascii: "{"))
            output.key("source", first: true, indent: 8)
            output.string(suppression.source.rawValue)
            output.key("reason", first: false, indent: 8)
            output.string(suppression.reason)
            output.close(UInt8(ascii: "}"), indent: 6)
        } else {
            output.null()
        }
        output.key("notes", first: false, indent: 6)
        writeStrings(finding.notes, into: &output)
        output.key("references", first: false, indent: 6)
        writeStrings((rule?.references ?? []).map(\.text), into: &output)
        output.close(UInt8(ascii: "}"), indent: 4)
    }

    /// An array of strings six spaces deep.
    private func writeStrings(_ values: [String], into output: inout JSONWriter) {
        guard !values.isEmpty else {
            output.raw("[]")
            return
        }
        output.byte(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            output.separator(first: index == 0, indent: 8)
            output.string(value)
        }
        output.close(UInt8(ascii: "]"), indent: 6)
    }

    private mutating func source(of path: String) -> SourceFile? {
        if let lastPath, lastPath == path { return lastSource }
        lastPath = path
        lastSource = report.result.loaded.sources[path]
        return lastSource
    }

    private mutating func rule(_ id: String) -> RuleDescription? {
        if let lastRuleID, lastRuleID == id { return lastRule }
        lastRuleID = id
        lastRule = report.rule(id)
        return lastRule
    }
}
