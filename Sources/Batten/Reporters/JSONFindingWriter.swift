import BattenYAML

/// Writes the findings of the JSON report (``JSONReporter``) as items of its `findings` array. It
/// keeps what every finding of a rule repeats (title, family, references) once per rule.
struct JSONFindingWriter {
    /// The report the rules are described by (with the policy's severities).
    private let context: Report?
    /// Each rule met so far.
    private var rules: [String: RuleEntry] = [:]
    /// The text a fingerprint hashes, its storage kept from one finding to the next.
    private var fingerprintText: [UInt8] = []

    /// What the items take from a rule's description: a copy of the whole description for every
    /// finding would take a reference to each of its many strings and arrays.
    private struct RuleEntry {
        var title: String?
        var family: String?
        var references: [String]
    }

    /// A finding's file, and its path as fingerprints name it.
    struct File {
        var source: SourceFile?
        var normalizedPath: String

        init(path: String, source: SourceFile?) {
            self.source = source
            normalizedPath = FindingFingerprint.normalizedPath(path)
        }
    }

    init(context: Report? = nil) {
        self.context = context
    }

    /// Appends `finding`, which points into `file`, as an item of the array `json` is in.
    mutating func write(_ finding: Finding, file: File, into json: inout JSONWriter) {
        let location = finding.location
        let region = SourceRegion(location, source: file.source)
        let entry = rule(finding.ruleID)
        let target = finding.target
        json.beginObject()
        json.key("ruleId")
        json.string(finding.ruleID)
        json.key("title")
        json.string(entry.title)
        json.key("severity")
        json.string(finding.severity.rawValue)
        json.key("family")
        json.string(entry.family)
        json.key("message")
        json.string(finding.message)
        json.key("file")
        json.string(location.path)
        json.key("line")
        json.int(region.startLine)
        json.key("column")
        json.int(region.startColumn)
        json.key("endLine")
        json.int(region.endLine)
        json.key("endColumn")
        json.int(region.endColumn)
        json.key("target")
        json.beginObject()
        json.key("format")
        json.string(target.format.rawValue)
        json.key("kind")
        json.string(target.kind)
        json.key("name")
        json.string(target.name)
        json.key("namespace")
        json.string(target.namespace)
        json.key("container")
        json.string(target.container)
        json.endObject()
        json.key("setting")
        json.string(finding.setting)
        json.key("fingerprint")
        json.string(FindingFingerprint.of(finding, normalizedPath: file.normalizedPath, buffer: &fingerprintText))
        json.key("fix")
        if let fix = finding.fix {
            json.beginObject()
            json.key("kind")
            json.string(fix.kind.rawValue)
            json.key("title")
            json.string(fix.title)
            json.key("reason")
            json.string(fix.reason)
            json.endObject()
        } else {
            json.null()
        }
        json.key("suppressed")
        if let suppression = finding.suppression {
            json.beginObject()
            json.key("source")
            json.string(suppression.source.rawValue)
            json.key("reason")
            json.string(suppression.reason)
            json.endObject()
        } else {
            json.null()
        }
        json.key("notes")
        Self.write(finding.notes, into: &json)
        json.key("references")
        Self.write(entry.references, into: &json)
        json.endObject()
    }

    private static func write(_ strings: [String], into json: inout JSONWriter) {
        json.beginArray()
        for string in strings { json.string(string) }
        json.endArray()
    }

    private mutating func rule(_ id: String) -> RuleEntry {
        if let known = rules[id] { return known }
        let rule = context?.rule(id)
        let entry = RuleEntry(title: rule?.title, family: rule?.family.rawValue, references: (rule?.references ?? []).map(\.text))
        rules[id] = entry
        return entry
    }
}
