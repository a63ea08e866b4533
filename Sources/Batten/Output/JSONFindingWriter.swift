import BattenYAML

/// Writes the findings of the JSON report (``JSONReporter``) as items of the `findings` array, four
/// spaces deep: the members, their order and their text are those of ``JSONReporter/finding(of:report:)``
/// rendered pretty. It remembers the last file's source, since consecutive findings mostly share it,
/// and every rule it has met.
struct JSONFindingWriter {
    let report: Report
    /// A finding's file, and its path as fingerprints name it.
    private var files = RunLookup<String, (source: SourceFile?, normalizedPath: String)>()
    /// Each rule met so far with its `references` array, written once per rule.
    private var rules: [String: RuleEntry] = [:]
    /// The text a fingerprint hashes, its storage kept from one finding to the next.
    private var fingerprintText: [UInt8] = []

    /// What the items take from a rule's description: a copy of the whole description for every
    /// finding would take a reference to each of its many strings and arrays.
    private struct RuleEntry {
        var title: String?
        var family: String?
        var references = JSONWriter()
    }

    init(report: Report) {
        self.report = report
    }

    /// Appends `finding` as an array item (after `,` unless `first`). The keys, with the line
    /// break, indentation and separator before each, are written as literals.
    mutating func write(_ finding: Finding, first: Bool, into output: inout JSONWriter) {
        let location = finding.location
        let file = files.value(for: location.path) { path in
            (report.result.loaded.sources[path], FindingFingerprint.normalizedPath(path))
        }
        let region = SourceRegion(location, source: file.source)
        let entry = rule(finding.ruleID)
        let target = finding.target
        output.raw(first ? "\n    {\n      \"ruleId\": " : ",\n    {\n      \"ruleId\": ")
        output.string(finding.ruleID)
        output.raw(",\n      \"title\": ")
        output.string(entry.title)
        output.raw(",\n      \"severity\": ")
        output.string(finding.severity.rawValue)
        output.raw(",\n      \"family\": ")
        output.string(entry.family)
        output.raw(",\n      \"message\": ")
        output.string(finding.message)
        output.raw(",\n      \"file\": ")
        output.string(location.path)
        output.raw(",\n      \"line\": ")
        output.int(region.startLine)
        output.raw(",\n      \"column\": ")
        output.int(region.startColumn)
        output.raw(",\n      \"endLine\": ")
        output.int(region.endLine)
        output.raw(",\n      \"endColumn\": ")
        output.int(region.endColumn)
        output.raw(",\n      \"target\": {\n        \"format\": ")
        output.string(target.format.rawValue)
        output.raw(",\n        \"kind\": ")
        output.string(target.kind)
        output.raw(",\n        \"name\": ")
        output.string(target.name)
        output.raw(",\n        \"namespace\": ")
        output.string(target.namespace)
        output.raw(",\n        \"container\": ")
        output.string(target.container)
        output.raw("\n      },\n      \"setting\": ")
        output.string(finding.setting)
        output.raw(",\n      \"fingerprint\": ")
        output.string(FindingFingerprint.of(finding, normalizedPath: file.normalizedPath, buffer: &fingerprintText))
        output.raw(",\n      \"fix\": ")
        if let fix = finding.fix {
            output.raw("{\n        \"kind\": ")
            output.string(fix.kind.rawValue)
            output.raw(",\n        \"title\": ")
            output.string(fix.title)
            output.raw(",\n        \"reason\": ")
            if let reason = fix.reason { output.string(reason) } else { output.null() }
            output.raw("\n      }")
        } else {
            output.null()
        }
        output.raw(",\n      \"suppressed\": ")
        if let suppression = finding.suppression {
            output.raw("{\n        \"source\": ")
            output.string(suppression.source.rawValue)
            output.raw(",\n        \"reason\": ")
            output.string(suppression.reason)
            output.raw("\n      }")
        } else {
            output.null()
        }
        output.raw(",\n      \"notes\": ")
        Self.writeStrings(finding.notes, into: &output)
        output.raw(",\n      \"references\": ")
        output.append(entry.references)
        output.raw("\n    }")
    }

    /// An array of strings six spaces deep.
    private static func writeStrings(_ values: [String], into output: inout JSONWriter) {
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

    private mutating func rule(_ id: String) -> RuleEntry {
        if let known = rules[id] { return known }
        let rule = report.rule(id)
        var entry = RuleEntry(title: rule?.title, family: rule?.family.rawValue)
        Self.writeStrings((rule?.references ?? []).map(\.text), into: &entry.references)
        rules[id] = entry
        return entry
    }
}
