import BattenYAML

/// A policy as written in one file: which rules run, how severe they are, their parameters,
/// exemptions, and the failure threshold. ``ResolvedPolicy`` applies `extends`.
public struct Policy: Sendable {
    public var name: String
    public var summary: String?
    /// A built-in policy name or a path relative to this policy's file.
    public var extends: String?
    public var failOn: Severity?
    public var pssVersion: PSSVersion?
    public var rules: [String: RuleSettings]
    public var exemptions: [Exemption]
    /// `image-profiles`: directories of image profiles, relative to this policy's file.
    public var imageProfileDirectories: [PolicyDirectory]
    /// `apply-decisions`: whether `override` and `fix --include review` also apply the fixes Batten
    /// cannot know to be safe (nil: inherited, else false).
    public var appliesDecisions: Bool?
    /// Where the policy came from: a path, or `builtin:<name>`.
    public var origin: String

    public init(
        name: String, summary: String? = nil, extends: String? = nil, failOn: Severity? = nil,
        pssVersion: PSSVersion? = nil, rules: [String: RuleSettings] = [:], exemptions: [Exemption] = [],
        imageProfileDirectories: [PolicyDirectory] = [], origin: String
    ) {
        self.name = name
        self.summary = summary
        self.extends = extends
        self.failOn = failOn
        self.pssVersion = pssVersion
        self.rules = rules
        self.exemptions = exemptions
        self.imageProfileDirectories = imageProfileDirectories
        self.origin = origin
    }
}

/// A directory named in a policy, with where it is written (for errors about it).
public struct PolicyDirectory: Sendable, Hashable {
    public var path: String
    public var position: SourcePosition?

    public init(path: String, position: SourcePosition? = nil) {
        self.path = path
        self.position = position
    }
}

/// A policy's settings for one rule. Nil fields are inherited.
public struct RuleSettings: Sendable {
    public var enabled: Bool?
    public var severity: Severity?
    /// The formats the rule runs on under this policy (all the rule's formats when nil).
    public var formats: [InputFormat]?
    public var parameters: [String: ParameterValue]

    public init(
        enabled: Bool? = nil, severity: Severity? = nil, formats: [InputFormat]? = nil,
        parameters: [String: ParameterValue] = [:]
    ) {
        self.enabled = enabled
        self.severity = severity
        self.formats = formats
        self.parameters = parameters
    }

    /// `self` written over `base`.
    public func over(_ base: RuleSettings) -> RuleSettings {
        var parameters = base.parameters
        for (name, value) in self.parameters { parameters[name] = value }
        return RuleSettings(
            enabled: enabled ?? base.enabled, severity: severity ?? base.severity, formats: formats ?? base.formats,
            parameters: parameters)
    }
}

/// A policy exemption: findings of `rule` on matching targets are suppressed, with a reason,
/// until `expires`.
public struct Exemption: Sendable {
    /// A rule id, or `*` for every rule.
    public var rule: String
    public var target: ExemptionTarget
    public var reason: String
    /// `YYYY-MM-DD`; the exemption stops suppressing after that day.
    public var expires: String?
    /// The policy file and position, for messages.
    public var origin: String
    public var position: SourcePosition?

    public init(rule: String, target: ExemptionTarget, reason: String, expires: String? = nil, origin: String, position: SourcePosition? = nil) {
        self.rule = rule
        self.target = target
        self.reason = reason
        self.expires = expires
        self.origin = origin
        self.position = position
    }

    /// True when the exemption has expired by `today` (`YYYY-MM-DD`), the two compared as dates.
    /// An `expires` that is not a date (the parser refuses one) never suppresses.
    public func isExpired(today: String) -> Bool {
        guard let expires else { return false }
        guard let end = CalendarDate(expires) else { return true }
        guard let now = CalendarDate(today) else { return expires < today }
        return end < now
    }
}

/// Which findings an exemption covers. Every field that is set must match.
public struct ExemptionTarget: Sendable {
    /// A glob over the finding's file path (`**/dev/*.yaml`, `compose.yaml`).
    public var file: String?
    public var service: String?
    public var namespace: String?
    public var kind: String?
    public var name: String?
    public var container: String?

    public init(
        file: String? = nil, service: String? = nil, namespace: String? = nil, kind: String? = nil, name: String? = nil,
        container: String? = nil
    ) {
        self.file = file
        self.service = service
        self.namespace = namespace
        self.kind = kind
        self.name = name
        self.container = container
    }

    public func matches(_ finding: Finding) -> Bool {
        let target = finding.target
        if let file, !GlobPattern(file).matches(finding.location.path) { return false }
        if let service, !(target.format == .compose && target.name == service) { return false }
        if let namespace, target.namespace != namespace { return false }
        if let kind, target.kind != kind { return false }
        if let name, target.name != name { return false }
        if let container, (target.container ?? (target.format == .compose ? target.name : nil)) != container { return false }
        return true
    }
}
