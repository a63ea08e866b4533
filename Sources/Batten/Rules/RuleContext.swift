import BattenYAML

/// What a rule knows while it checks one workload: its effective severity and parameters, and the
/// image profiles of the run.
public struct RuleContext: Sendable {
    public var ruleID: String
    /// The rule's default severity, or the policy's setting for it.
    public var severity: Severity
    /// True when the policy set the rule's severity: escalations inside the rule then do not apply.
    public var severityIsFixed: Bool
    /// Parameter values: the policy's, else the rule's defaults.
    public var parameters: [String: ParameterValue]
    public var pssVersion: PSSVersion
    /// What Batten knows about images (``ImageProfile``): the built-in profiles unless the policy or
    /// the command line adds others.
    public var imageProfiles: ImageProfileLibrary

    public init(
        ruleID: String, severity: Severity, severityIsFixed: Bool = false, parameters: [String: ParameterValue] = [:],
        pssVersion: PSSVersion = .latest, imageProfiles: ImageProfileLibrary = .builtIn
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.severityIsFixed = severityIsFixed
        self.parameters = parameters
        self.pssVersion = pssVersion
        self.imageProfiles = imageProfiles
    }

    /// The context for `rule` with its defaults overlaid by `overrides`.
    public init(
        rule: RuleDescription, overrides: [String: ParameterValue] = [:], severity: Severity? = nil,
        pssVersion: PSSVersion = .latest, imageProfiles: ImageProfileLibrary = .builtIn
    ) {
        var parameters: [String: ParameterValue] = [:]
        for parameter in rule.parameters { parameters[parameter.name] = parameter.defaultValue }
        for (name, value) in overrides { parameters[name] = value }
        self.init(
            ruleID: rule.id, severity: severity ?? rule.severity, severityIsFixed: severity != nil,
            parameters: parameters, pssVersion: pssVersion, imageProfiles: imageProfiles)
    }

    // MARK: Parameters

    /// The value of `parameter`: the policy's when it sets one of the declared type, else the default.
    public func value<Value>(of parameter: RuleParameter<Value>) -> Value {
        parameters[parameter.name].flatMap(Value.init(parameterValue:)) ?? parameter.default
    }

    // MARK: Findings

    /// The severity for a finding the rule rates `level`: the rule's own unless the policy fixed it.
    public func severity(_ level: Severity) -> Severity { severityIsFixed ? severity : level }

    /// A finding at `node`. Its ``Finding/workloadID`` is left empty: the auditor sets it, one
    /// copy for all the findings of a workload, rather than building the identifier per finding.
    public func finding(
        _ message: String, at node: NodeRef, in workload: Workload, container: Container? = nil, setting: String,
        severity: Severity? = nil, fix: Fix? = nil
    ) -> Finding {
        Finding(
            ruleID: ruleID, severity: severity.map(self.severity(_:)) ?? self.severity, message: message,
            location: SourceLocation(node), target: FindingTarget(workload, container: container),
            setting: setting,
            fix: fix)
    }
}
