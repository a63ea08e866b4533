/// A JSON value with ordered object members, written deterministically.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Members in the order they are written (use ``sortedKeys`` in ``render(pretty:sortedKeys:)`` to sort).
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int(let value): hasher.combine(value)
        case .double(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let members):
            for (key, value) in members {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// An object from members, dropping those whose value is nil.
    public static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    /// The JSON text. `pretty` indents by two spaces; `sortedKeys` sorts object members by key.
    public func render(pretty: Bool = true, sortedKeys: Bool = false) -> String {
        var writer = JSONWriter(pretty: pretty)
        write(into: &writer, sortedKeys: sortedKeys)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Appends the value to `output`, where a value may come (after a key, as an item, or alone).
    func write(into output: inout JSONWriter, sortedKeys: Bool = false) {
        switch self {
        case .null: output.null()
        case .bool(let value): output.bool(value)
        case .int(let value): output.int(value)
        case .double(let value): output.double(value)
        case .string(let value): output.string(value)
        case .array(let values):
            output.beginArray()
            for value in values { value.write(into: &output, sortedKeys: sortedKeys) }
            output.endArray()
        case .object(let members):
            output.beginObject()
            for (key, value) in sortedKeys ? members.sorted(by: { $0.0 < $1.0 }) : members {
                output.key(named: key)
                value.write(into: &output, sortedKeys: sortedKeys)
            }
            output.endObject()
        }
    }
}
