/// Everything a rule says about itself: identity, documentation, defaults and examples.
public struct RuleDescription: Sendable {
    /// Stable kebab-case id (`privileged-container`).
    public var id: String
    public var title: String
    /// Why it matters: what an attacker gains.
    public var rationale: String
    /// What to do, in one or two sentences.
    public var remediation: String
    public var severity: Severity
    public var family: ControlFamily
    public var references: [RuleReference]
    public var formats: [InputFormat]
    public var parameters: [any RuleParameterDeclaration]
    /// The kinds of fix the rule proposes (`known` where evidence shows the image works with it,
    /// `decision` where there is none); empty when it only reports.
    public var fixKinds: [FixKind]
    public var examples: [RuleExample]

    public init(
        id: String, title: String, rationale: String, remediation: String, severity: Severity, family: ControlFamily,
        references: [RuleReference] = [], formats: [InputFormat], parameters: [any RuleParameterDeclaration] = [],
        fixKinds: [FixKind] = [], examples: [RuleExample]
    ) {
        self.id = id
        self.title = title
        self.rationale = rationale
        self.remediation = remediation
        self.severity = severity
        self.family = family
        self.references = references
        self.formats = formats
        self.parameters = parameters
        self.fixKinds = fixKinds
        self.examples = examples
    }

    /// The fix kinds as `batten rules` shows them: `safe`, `known|decision`, or nil without a fix.
    public var fixKindsText: String? { fixKinds.isEmpty ? nil : fixKinds.map(\.rawValue).joined(separator: "|") }

    public func parameter(_ name: String) -> (any RuleParameterDeclaration)? { parameters.first { $0.name == name } }
}
