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
    public var parameters: [RuleParameter]
    /// The safety of the fix the rule proposes, or nil when it only reports.
    public var fixSafety: FixSafety?
    public var examples: [RuleExample]

    public init(
        id: String, title: String, rationale: String, remediation: String, severity: Severity, family: ControlFamily,
        references: [RuleReference] = [], formats: [InputFormat], parameters: [RuleParameter] = [],
        fixSafety: FixSafety? = nil, examples: [RuleExample]
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
        self.fixSafety = fixSafety
        self.examples = examples
    }

    public func parameter(_ name: String) -> RuleParameter? { parameters.first { $0.name == name } }
}
