/// The rule list of `batten rules` and the explanation of `batten explain`, with the built-in
/// policies that enable each rule.
public struct RuleCatalog: Sendable {
    public var rules: [RuleDescription]
    /// Rule id → names of the built-in policies that enable it.
    public var policies: [String: [String]]

    public init(rules: [RuleDescription], policies: [String: [String]]) {
        self.rules = rules
        self.policies = policies
    }

    /// The registry's rules and the built-in policies.
    public static func load() -> RuleCatalog {
        var policies: [String: [String]] = [:]
        for name in BuiltInPolicies.names {
            guard let policy = PolicyResolver().resolve(selection: name, workingDirectory: "/").policy else { continue }
            for (id, settings) in policy.rules where settings.enabled == true {
                policies[id, default: []].append(name)
            }
        }
        return RuleCatalog(rules: RuleRegistry.all.map { $0.description }, policies: policies)
    }

    public func text() -> String {
        let header = ["id", "severity", "formats", "fix", "policies", "references"]
        let rows = rules.map { rule in
            [
                rule.id, rule.severity.rawValue, rule.formats.map(\.rawValue).joined(separator: ","),
                rule.fixKindsText ?? "-", (policies[rule.id] ?? []).joined(separator: ","),
                rule.references.compactMap(\.tag).joined(separator: ","),
            ]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    public func json() -> JSONValue {
        .array(
            rules.map { rule in
                .object([
                    ("id", .string(rule.id)),
                    ("title", .string(rule.title)),
                    ("severity", .string(rule.severity.rawValue)),
                    ("family", .string(rule.family.rawValue)),
                    ("formats", .array(rule.formats.map { .string($0.rawValue) })),
                    ("fix", rule.fixKinds.isEmpty ? .null : .array(rule.fixKinds.map { .string($0.rawValue) })),
                    ("policies", .array((policies[rule.id] ?? []).map(JSONValue.string))),
                    ("references", .array(rule.references.map { .string($0.text) })),
                    ("parameters", .object(rule.parameters.map { ($0.name, $0.defaultValue.jsonValue) })),
                ])
            })
    }

    /// The explanation of one rule, or nil for an unknown id.
    /// Rule ids close to a mistyped `id`: those it is part of (`privileged` → `privileged-container`)
    /// and those within two edits of it, in registry order.
    public func suggestions(for id: String) -> [String] {
        let query = id.lowercased()
        guard !query.isEmpty else { return [] }
        return rules.map(\.id).filter { $0.contains(query) || EditDistance.distance(query, $0) <= 2 }
    }

    public func explain(_ id: String) -> String? {
        guard let rule = rules.first(where: { $0.id == id }) else { return nil }
        var lines = ["\(rule.id): \(rule.title)", ""]
        lines.append("severity: \(rule.severity.rawValue)   family: \(rule.family.title)   formats: \(rule.formats.map(\.rawValue).joined(separator: ", "))")
        lines.append("fix: \(rule.fixKindsText ?? "none (report only)")   policies: \((policies[rule.id] ?? ["none"]).joined(separator: ", "))")
        lines += ["", "Why it matters", indent(rule.rationale), "", "What to do", indent(rule.remediation)]
        if !rule.references.isEmpty {
            lines += ["", "References"] + rule.references.map { "  - " + $0.text }
        }
        if !rule.parameters.isEmpty {
            lines += ["", "Parameters"] + rule.parameters.map { "  \($0.name) (default \($0.defaultValue)): \($0.summary)" }
        }
        for example in rule.examples {
            let title = example.kind == .triggering ? "Triggers" : "Does not trigger"
            lines += ["", "\(title) (\(example.format.rawValue))" + (example.note.map { ": \($0)" } ?? "")]
            lines += example.cleanYAML.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
            if let corrected = example.corrected {
                lines += ["", "Corrected (\(example.format.rawValue))"]
                lines += corrected.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
