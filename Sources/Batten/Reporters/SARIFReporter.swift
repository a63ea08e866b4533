/// SARIF 2.1.0 for code scanning: the rules the policy ran (with CIS / PSS tags and the
/// `security-severity` code scanning sorts by), one result per finding with its region, a
/// fingerprint that survives lines moving, suppressions, and the in-place fix where there is one.
public struct SARIFReporter: WholeReportFormat {
    /// Where the tool is documented.
    public static let informationURI = "https://github.com/batten-dev/batten"
    /// The `$schema` of the log.
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The base the relative artifact URIs resolve against: the directory Batten ran in.
    public static let sourceRoot = "%SRCROOT%"

    /// Bytes the in-place fixer may parse to render `fixes` for one report (large inputs get
    /// results without fixes rather than a slow report).
    public var fixBudget: Int

    public init(fixBudget: Int = 4 << 20) {
        self.fixBudget = fixBudget
    }

    /// The findings, kept until the report is finished (``WholeReportFormat``).
    public var collected = CollectedFindings()

    /// The text of `report`, with every finding.
    public func text(_ report: Report) -> String {
        document(report).render(pretty: true) + "\n"
    }

    /// The SARIF log as a JSON value.
    public func document(_ report: Report) -> JSONValue {
        let rules = ruleList(report)
        var indexByID: [String: Int] = [:]
        for (index, rule) in rules.enumerated() { indexByID[rule.id] = index }
        let driver = JSONValue.object([
            ("name", .string("batten")),
            ("fullName", .string("Batten container hardening analyzer")),
            ("version", .string(report.toolVersion)),
            ("semanticVersion", .string(report.toolVersion)),
            ("informationUri", .string(Self.informationURI)),
            ("rules", .array(rules.map(Self.rule))),
        ])
        var budget = fixBudget
        var omitted = 0
        var results: [JSONValue] = []
        results.reserveCapacity(report.findings.count)
        for finding in report.findings {
            results.append(result(for: finding, ruleIndex: indexByID[finding.ruleID], report: report, budget: &budget, omitted: &omitted))
        }
        let run = JSONValue.object([
            ("tool", .object([("driver", driver)])),
            ("invocations", .array([invocation(report)])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
            (
                "properties",
                .object([
                    ("policy", .string(report.result.policy.name)),
                    ("failOn", .string(report.threshold.rawValue)),
                    ("fixesOmitted", omitted > 0 ? .int(omitted) : nil),
                ])
            ),
        ])
        return .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
    }

    /// The enabled rules, then any other rule a finding refers to, in registry order.
    func ruleList(_ report: Report) -> [RuleDescription] {
        var rules = report.enabledRules
        var listed = Set(rules.map(\.id))
        for finding in report.findings where !listed.contains(finding.ruleID) {
            guard let rule = report.rule(finding.ruleID) else { continue }
            rules.append(rule)
            listed.insert(rule.id)
        }
        return rules
    }

    static func rule(_ rule: RuleDescription) -> JSONValue {
        var tags = ["security", rule.family.rawValue]
        for reference in rule.references {
            if let tag = reference.tag, !tags.contains(tag) { tags.append(tag) }
        }
        var properties: [(String, JSONValue?)] = [("tags", .array(tags.map(JSONValue.string)))]
        properties.append(("security-severity", securitySeverity(rule.severity).map(JSONValue.string)))
        let helpURI = rule.references.lazy.compactMap { reference -> String? in
            if case .url(let url) = reference { return url }
            return nil
        }.first
        return .object([
            ("id", .string(rule.id)),
            ("name", .string(pascalCase(rule.id))),
            ("shortDescription", .object([("text", .string(rule.title))])),
            ("fullDescription", .object([("text", .string(rule.rationale))])),
            ("helpUri", helpURI.map(JSONValue.string)),
            ("help", .object([("text", .string(helpText(rule))), ("markdown", .string(helpMarkdown(rule)))])),
            ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
            ("properties", .object(properties)),
        ])
    }

    static func helpText(_ rule: RuleDescription) -> String {
        var text = rule.remediation
        if !rule.references.isEmpty {
            text += "\n\nReferences:\n" + rule.references.map { "- " + $0.text }.joined(separator: "\n")
        }
        return text
    }

    static func helpMarkdown(_ rule: RuleDescription) -> String {
        var text = "**\(MarkdownText.escape(rule.title))**\n\n\(rule.rationale)\n\n**Remediation:** \(rule.remediation)"
        if !rule.references.isEmpty {
            text +=
                "\n\n**References**\n\n"
                + rule.references.map { reference in
                    if case .url(let url) = reference { return "- <\(url)>" }
                    return "- " + MarkdownText.escape(reference.text)
                }.joined(separator: "\n")
        }
        return text
    }

    func result(for finding: Finding, ruleIndex: Int?, report: Report, budget: inout Int, omitted: inout Int) -> JSONValue {
        var members: [(String, JSONValue?)] = [
            ("ruleId", .string(finding.ruleID)),
            ("ruleIndex", ruleIndex.map(JSONValue.int)),
            ("level", .string(Self.level(finding.severity))),
            ("message", .object([("text", .string(finding.message))])),
            (
                "locations",
                .array([
                    .object([
                        ("physicalLocation", Self.physicalLocation(finding.location.path, region: report.region(of: finding))),
                        ("logicalLocations", .array([Self.logicalLocation(finding.target)])),
                    ])
                ])
            ),
            ("partialFingerprints", .object([(FindingFingerprint.sarifKey, .string(FindingFingerprint.of(finding)))])),
        ]
        if let suppression = finding.suppression {
            members.append(
                (
                    "suppressions",
                    .array([
                        .object([
                            ("kind", .string(suppression.source == .inline ? "inSource" : "external")),
                            ("status", .string("accepted")),
                            ("justification", .string(suppression.reason)),
                        ])
                    ])
                ))
        }
        if report.baseline != nil {
            members.append(("baselineState", .string(finding.suppression?.source == .baseline ? "unchanged" : "new")))
        }
        if let fix = finding.fix {
            let exhausted = budget <= 0
            if let replacements = FixReplacement.replacements(for: fix, sources: report.result.loaded.sources, budget: &budget),
                !replacements.contains(where: { report.secrets.reveals($0.inserted) })
            {
                members.append(("fixes", .array([Self.fix(fix, replacements: replacements)])))
            } else if exhausted || budget <= 0 {
                omitted += 1
            }
        }
        var properties: [(String, JSONValue?)] = [
            ("severity", .string(finding.severity.rawValue)),
            ("workload", .string(finding.target.displayName)),
            ("setting", .string(finding.setting)),
        ]
        if !finding.notes.isEmpty { properties.append(("notes", .array(finding.notes.map(JSONValue.string)))) }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    static func fix(_ fix: Fix, replacements: [FixReplacement]) -> JSONValue {
        let description = fix.kind == .decision ? fix.labelledTitle + " — not applied unless asked" : fix.labelledTitle
        var order: [String] = []
        var byFile: [String: [FixReplacement]] = [:]
        for replacement in replacements {
            if byFile[replacement.path] == nil { order.append(replacement.path) }
            byFile[replacement.path, default: []].append(replacement)
        }
        return .object([
            ("description", .object([("text", .string(description))])),
            (
                "artifactChanges",
                .array(
                    order.map { path in
                        .object([
                            ("artifactLocation", artifactLocation(path)),
                            (
                                "replacements",
                                .array(
                                    (byFile[path] ?? []).map { replacement in
                                        .object([
                                            ("deletedRegion", region(replacement.deleted)),
                                            ("insertedContent", .object([("text", .string(replacement.inserted))])),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
    }

    static func physicalLocation(_ path: String, region: SourceRegion) -> JSONValue {
        .object([("artifactLocation", artifactLocation(path)), ("region", self.region(region))])
    }

    static func region(_ region: SourceRegion) -> JSONValue {
        .object([
            ("startLine", .int(region.startLine)),
            ("startColumn", .int(region.startColumn)),
            ("endLine", .int(region.endLine)),
            ("endColumn", .int(region.endColumn)),
        ])
    }

    /// A relative path as a relative URI against the source root; an absolute path as a `file` URI.
    static func artifactLocation(_ path: String) -> JSONValue {
        if path.hasPrefix("/") { return .object([("uri", .string("file://" + percentEncoded(path)))]) }
        var relative = path
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        return .object([("uri", .string(percentEncoded(relative))), ("uriBaseId", .string(sourceRoot))])
    }

    static func logicalLocation(_ target: FindingTarget) -> JSONValue {
        var name = target.namespace.map { "\($0)/\(target.name)" } ?? target.name
        if target.format == .kubernetes { name = "\(target.kind)/\(name)" }
        if let container = target.container { name += "/\(container)" }
        return .object([("fullyQualifiedName", .string(name)), ("kind", .string("resource"))])
    }

    func invocation(_ report: Report) -> JSONValue {
        let notifications = report.diagnostics.filter { $0.level != .note }.map { diagnostic -> JSONValue in
            var members: [(String, JSONValue?)] = [
                ("level", .string(diagnostic.level == .error ? "error" : "warning")),
                ("message", .object([("text", .string(diagnostic.message))])),
            ]
            let region = diagnostic.position.map { position in
                SourceRegion(startLine: position.line, startColumn: position.column, endLine: position.line, endColumn: position.column)
            }
            let physical: JSONValue =
                region.map { Self.physicalLocation(diagnostic.path, region: $0) }
                ?? .object([("artifactLocation", Self.artifactLocation(diagnostic.path))])
            members.append(("locations", .array([.object([("physicalLocation", physical)])])))
            return .object(members)
        }
        return .object([
            ("executionSuccessful", .bool(!report.result.loaded.hasErrors)),
            ("toolExecutionNotifications", notifications.isEmpty ? nil : .array(notifications)),
        ])
    }

    /// Code scanning levels: critical and high are errors, medium warnings, the rest notes.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    /// The score code scanning maps to its severities (9.0+ critical, 7.0+ high, 4.0+ medium,
    /// 0.1+ low); none for `info`.
    static func securitySeverity(_ severity: Severity) -> String? {
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        case .info: return nil
        }
    }

    /// `privileged-container` → `PrivilegedContainer`.
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// RFC 3986: unreserved characters and `/` stay, every other byte is percent-encoded.
    static func percentEncoded(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%"
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }
}
