/// A value given to a rule parameter, as a rule example passes it: made by
/// ``RuleParameter/set(to:)`` so that the name and the type come from the declaration.
public struct ParameterSetting: Sendable, Hashable {
    public var name: String
    public var value: ParameterValue

    public init(name: String, value: ParameterValue) {
        self.name = name
        self.value = value
    }
}
