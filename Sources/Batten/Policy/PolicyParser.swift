import BattenYAML

/// Reads a policy file with BattenYAML and validates it against the rule registry. Every problem
/// is a located error: an unknown key or rule id, a bad severity, a parameter of the wrong type,
/// an exemption without a reason.
public struct PolicyParser: Sendable {
    /// Rules a policy may name (the registry's by default).
    public var rules: [String: RuleDescription]

    public init(rules: [any Rule.Type] = RuleRegistry.all) {
        var table: [String: RuleDescription] = [:]
        for rule in rules { table[rule.description.id] = rule.description }
        self.rules = table
    }

    public struct Result: Sendable {
        public var policy: Policy?
        public var diagnostics: [Diagnostic]
    }

    public func parse(_ source: SourceFile, origin: String? = nil) -> Result {
        let stream = YAMLParser.parse(source)
        if let error = stream.error { return Result(policy: nil, diagnostics: [Diagnostic(error)]) }
        guard let document = stream.documents.first(where: { !$0.isEmpty }), let root = document.root,
            document.kind(document.resolve(root)) == .mapping
        else {
            return Result(
                policy: nil,
                diagnostics: [
                    Diagnostic(
                        level: .error, path: source.path, position: SourcePosition(offset: 0, line: 1, column: 1),
                        message: "a policy is a YAML mapping with `rules`, `extends`, `exemptions` …")
                ])
        }
        var reader = Reader(document: document, rules: rules)
        let policy = reader.policy(root, origin: origin ?? source.path, defaultName: Self.stem(source.path))
        return Result(policy: reader.diagnostics.contains { $0.level == .error } ? nil : policy, diagnostics: reader.diagnostics)
    }

    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
        return name
    }
}

private struct Reader {
    let document: YAMLDocument
    let rules: [String: RuleDescription]
    var diagnostics: [Diagnostic] = []

    init(document: YAMLDocument, rules: [String: RuleDescription]) {
        self.document = document
        self.rules = rules
    }

    mutating func policy(_ root: NodeID, origin: String, defaultName: String) -> Policy {
        var policy = Policy(name: defaultName, origin: origin)
        for entry in document.entries(of: root) {
            let value = document.resolve(entry.value)
            switch entry.name {
            case "name": policy.name = string(value) ?? policy.name
            case "description": policy.summary = string(value)
            case "extends": policy.extends = string(value)
            case "fail-on": policy.failOn = severity(value)
            case "pss-version":
                if let text = string(value) {
                    if let version = PSSVersion(text) {
                        policy.pssVersion = version
                    } else {
                        error(at: value, "pss-version must be `latest` or `v1.N`, not `\(text)`")
                    }
                }
            case "rules": policy.rules = ruleSettings(value)
            case "exemptions": policy.exemptions = exemptions(value, origin: origin)
            case "image-profiles": policy.imageProfileDirectories = directories(value)
            case "apply-decisions":
                if let apply = document.bool(value) {
                    policy.appliesDecisions = apply
                } else {
                    error(at: value, "apply-decisions must be true or false")
                }
            default:
                error(
                    at: entry.key,
                    "unknown policy key `\(entry.name ?? "?")`; expected name, description, extends, fail-on, pss-version, rules, exemptions, image-profiles, apply-decisions"
                )
            }
        }
        return policy
    }

    /// `image-profiles`: a directory or a list of directories.
    mutating func directories(_ node: NodeID) -> [PolicyDirectory] {
        let items = document.kind(node) == .sequence ? Array(document.children(node)) : [node]
        var result: [PolicyDirectory] = []
        for item in items {
            let resolved = document.resolve(item)
            guard document.kind(resolved) == .scalar, let path = document.scalar(resolved), !document.isNull(resolved),
                !path.trimmingWhitespace.isEmpty
            else {
                error(at: resolved, "`image-profiles` takes a directory or a list of directories")
                continue
            }
            result.append(PolicyDirectory(path: path, position: document.startPosition(resolved)))
        }
        return result
    }

    mutating func ruleSettings(_ node: NodeID) -> [String: RuleSettings] {
        guard document.kind(node) == .mapping else {
            error(at: node, "`rules` must map rule ids to settings")
            return [:]
        }
        var result: [String: RuleSettings] = [:]
        for entry in document.entries(of: node) {
            guard let id = entry.name else { continue }
            guard let rule = rules[id] else {
                error(at: entry.key, "unknown rule id `\(id)`\(suggestion(for: id))")
                continue
            }
            let value = document.resolve(entry.value)
            if document.kind(value) == .scalar {
                if let enabled = document.bool(value) {
                    result[id] = RuleSettings(enabled: enabled)
                } else if let text = document.scalar(value), let level = Severity(rawValue: text) {
                    result[id] = RuleSettings(enabled: true, severity: level)
                } else if document.isNull(value) {
                    result[id] = RuleSettings(enabled: true)
                } else {
                    error(at: value, "rule `\(id)` takes true, false, a severity, or a mapping with enabled / severity / parameters")
                }
                continue
            }
            guard document.kind(value) == .mapping else {
                error(at: value, "rule `\(id)` takes true, false, a severity, or a mapping with enabled / severity / parameters")
                continue
            }
            var settings = RuleSettings(enabled: true)
            for field in document.entries(of: value) {
                let fieldValue = document.resolve(field.value)
                switch field.name {
                case "enabled":
                    if let enabled = document.bool(fieldValue) {
                        settings.enabled = enabled
                    } else {
                        error(at: fieldValue, "`enabled` must be true or false")
                    }
                case "severity": settings.severity = severity(fieldValue)
                case "formats": settings.formats = formats(fieldValue, rule: rule)
                case "parameters": settings.parameters = parameters(fieldValue, rule: rule)
                default:
                    error(at: field.key, "unknown key `\(field.name ?? "?")` for rule `\(id)`; expected enabled, severity, formats, parameters")
                }
            }
            result[id] = settings
        }
        return result
    }

    mutating func formats(_ node: NodeID, rule: RuleDescription) -> [InputFormat]? {
        let items = document.kind(node) == .sequence ? Array(document.children(node)) : [node]
        var result: [InputFormat] = []
        for item in items {
            let resolved = document.resolve(item)
            guard let text = document.scalar(resolved), let format = InputFormat(rawValue: text) else {
                error(at: resolved, "`formats` takes compose and/or kubernetes")
                return nil
            }
            guard rule.formats.contains(format) else {
                error(at: resolved, "rule `\(rule.id)` does not check \(text) input")
                return nil
            }
            result.append(format)
        }
        return result
    }

    mutating func parameters(_ node: NodeID, rule: RuleDescription) -> [String: ParameterValue] {
        guard document.kind(node) == .mapping else {
            error(at: node, "`parameters` must be a mapping")
            return [:]
        }
        var result: [String: ParameterValue] = [:]
        for entry in document.entries(of: node) {
            guard let name = entry.name else { continue }
            guard let declared = rule.parameter(name) else {
                let known = rule.parameters.map(\.name).joined(separator: ", ")
                error(at: entry.key, "rule `\(rule.id)` has no parameter `\(name)`" + (known.isEmpty ? "" : "; it takes \(known)"))
                continue
            }
            let value = document.resolve(entry.value)
            if let parsed = parameterValue(value, like: declared.defaultValue) {
                result[name] = parsed
            } else {
                error(at: value, "parameter `\(name)` of rule `\(rule.id)` takes a \(declared.defaultValue.typeName)")
            }
        }
        return result
    }

    func parameterValue(_ node: NodeID, like example: ParameterValue) -> ParameterValue? {
        switch example {
        case .bool:
            return document.bool(node).map(ParameterValue.bool)
        case .int:
            guard document.scalarType(node) == .int, let text = document.scalar(node) else { return nil }
            return ScalarResolution.int(text).map(ParameterValue.int)
        case .string:
            guard document.kind(node) == .scalar, let text = document.scalar(node), !document.isNull(node) else { return nil }
            return .string(text)
        case .strings:
            if document.kind(node) == .scalar, let text = document.scalar(node), !document.isNull(node) { return .strings([text]) }
            guard document.kind(node) == .sequence else { return nil }
            var values: [String] = []
            for item in document.children(node) {
                let resolved = document.resolve(item)
                guard document.kind(resolved) == .scalar, let text = document.scalar(resolved) else { return nil }
                values.append(text)
            }
            return .strings(values)
        }
    }

    mutating func exemptions(_ node: NodeID, origin: String) -> [Exemption] {
        guard document.kind(node) == .sequence else {
            error(at: node, "`exemptions` must be a list")
            return []
        }
        var result: [Exemption] = []
        for item in document.children(node) {
            let mapping = document.resolve(item)
            guard document.kind(mapping) == .mapping else {
                error(at: mapping, "an exemption is a mapping with rule, target, reason and optional expires")
                continue
            }
            var rule: String?
            var reason: String?
            var expires: String?
            var target = ExemptionTarget()
            for entry in document.entries(of: mapping) {
                let value = document.resolve(entry.value)
                switch entry.name {
                case "rule":
                    rule = string(value)
                    if let id = rule, id != "*", rules[id] == nil {
                        error(at: value, "unknown rule id `\(id)`\(suggestion(for: id))")
                    }
                case "reason": reason = string(value)
                case "expires":
                    expires = string(value)
                    if let date = expires, !Self.isDate(date) {
                        if Self.isDateShaped(date) {
                            error(at: value, "`expires` \(date) is not a date of the calendar")
                        } else {
                            error(at: value, "`expires` must be a date written YYYY-MM-DD")
                        }
                    }
                case "target": target = exemptionTarget(value)
                default:
                    error(at: entry.key, "unknown exemption key `\(entry.name ?? "?")`; expected rule, target, reason, expires")
                }
            }
            guard let ruleID = rule else {
                error(at: mapping, "exemption without `rule`")
                continue
            }
            guard let why = reason, !why.trimmingWhitespace.isEmpty else {
                error(at: mapping, "exemption for `\(ruleID)` has no `reason`: say why it is safe")
                continue
            }
            result.append(
                Exemption(
                    rule: ruleID, target: target, reason: why, expires: expires, origin: origin,
                    position: document.startPosition(mapping)))
        }
        return result
    }

    mutating func exemptionTarget(_ node: NodeID) -> ExemptionTarget {
        guard document.kind(node) == .mapping else {
            error(at: node, "`target` must be a mapping of file, service, namespace, kind, name, container")
            return ExemptionTarget()
        }
        var target = ExemptionTarget()
        for entry in document.entries(of: node) {
            let value = string(document.resolve(entry.value))
            switch entry.name {
            case "file": target.file = value
            case "service": target.service = value
            case "namespace": target.namespace = value
            case "kind": target.kind = value
            case "name": target.name = value
            case "container": target.container = value
            default:
                error(at: entry.key, "unknown target key `\(entry.name ?? "?")`; expected file, service, namespace, kind, name, container")
            }
        }
        return target
    }

    mutating func severity(_ node: NodeID) -> Severity? {
        guard let text = string(node) else { return nil }
        guard let level = Severity(rawValue: text) else {
            error(at: node, "unknown severity `\(text)`; expected one of info, low, medium, high, critical")
            return nil
        }
        return level
    }

    mutating func string(_ node: NodeID) -> String? {
        guard document.kind(node) == .scalar, let text = document.scalar(node), !document.isNull(node) else {
            error(at: node, "expected a string")
            return nil
        }
        return text
    }

    mutating func error(at node: NodeID, _ message: String) {
        diagnostics.append(Diagnostic(level: .error, path: document.source.path, position: document.startPosition(node), message: message))
    }

    func suggestion(for id: String) -> String {
        let close = rules.keys.filter { EditDistance.distance(id, $0) <= 2 }.sorted()
        return close.isEmpty ? "" : "; did you mean `\(close[0])`?"
    }

    /// True for a real date written `YYYY-MM-DD`.
    static func isDate(_ text: String) -> Bool {
        CalendarDate(text) != nil
    }

    /// True for `YYYY-MM-DD` written with ASCII digits, whether or not the calendar has that day.
    static func isDateShaped(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }
    }
}
