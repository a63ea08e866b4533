import BattenYAML

/// A parameter value from a policy.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case int(Int)
    case string(String)
    case strings([String])

    public var typeName: String {
        switch self {
        case .bool: return "boolean"
        case .int: return "integer"
        case .string: return "string"
        case .strings: return "list of strings"
        }
    }

    public var description: String {
        switch self {
        case .bool(let value): return String(value)
        case .int(let value): return String(value)
        case .string(let value): return value
        case .strings(let values): return "[" + values.joined(separator: ", ") + "]"
        }
    }

    /// True when `self` has the same type as `other`.
    public func hasSameType(as other: ParameterValue) -> Bool { typeName == other.typeName }

    public var jsonValue: JSONValue {
        switch self {
        case .bool(let value): return .bool(value)
        case .int(let value): return .int(value)
        case .string(let value): return .string(value)
        case .strings(let values): return .array(values.map(JSONValue.string))
        }
    }
}
