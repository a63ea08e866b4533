/// A Swift type a rule parameter can have, with its form in a policy (``ParameterValue``).
public protocol RuleParameterType: Sendable {
    var parameterValue: ParameterValue { get }
    /// The value of a policy's setting; nil when the setting has another type.
    init?(parameterValue: ParameterValue)
}

extension Bool: RuleParameterType {
    public var parameterValue: ParameterValue { .bool(self) }

    public init?(parameterValue: ParameterValue) {
        guard case .bool(let value) = parameterValue else { return nil }
        self = value
    }
}

extension Int: RuleParameterType {
    public var parameterValue: ParameterValue { .int(self) }

    public init?(parameterValue: ParameterValue) {
        guard case .int(let value) = parameterValue else { return nil }
        self = value
    }
}

extension String: RuleParameterType {
    public var parameterValue: ParameterValue { .string(self) }

    public init?(parameterValue: ParameterValue) {
        guard case .string(let value) = parameterValue else { return nil }
        self = value
    }
}

/// A list of strings; a single string stands for a list of one.
extension Array: RuleParameterType where Element == String {
    public var parameterValue: ParameterValue { .strings(self) }

    public init?(parameterValue: ParameterValue) {
        switch parameterValue {
        case .strings(let values): self = values
        case .string(let value): self = [value]
        default: return nil
        }
    }
}
