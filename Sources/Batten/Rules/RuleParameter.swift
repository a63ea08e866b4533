/// A parameter a rule takes, declared once in the rule with its name, type, default and summary.
///
/// The rule reads it through the declaration (`context.value(of: Self.allowed)`), `batten explain`
/// lists it and policy validation checks a policy's value against its type:
///
///     static let allowed = RuleParameter<[String]>(
///         name: "allowed", default: [], summary: "Capabilities the policy accepts.")
public struct RuleParameter<Value: RuleParameterType>: RuleParameterDeclaration {
    /// The key a policy writes under the rule's `parameters`.
    public let name: String
    /// The value when the policy does not set it.
    public let `default`: Value
    public let summary: String

    public init(name: String, default defaultValue: Value, summary: String) {
        self.name = name
        self.default = defaultValue
        self.summary = summary
    }

    public var defaultValue: ParameterValue { self.default.parameterValue }

    /// The setting of this parameter to `value`, for a rule example.
    public func set(to value: Value) -> ParameterSetting {
        ParameterSetting(name: name, value: value.parameterValue)
    }
}
