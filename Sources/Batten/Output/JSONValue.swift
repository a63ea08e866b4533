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
        var output = ""
        write(into: &output, indent: pretty ? 0 : nil, sortedKeys: sortedKeys)
        return output
    }

    private func write(into output: inout String, indent: Int?, sortedKeys: Bool) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
                output += String(Int(value))
            } else if value.isFinite {
                output += String(value)
            } else {
                output += "null"
            }
        case .string(let value): JSONValue.writeString(value, into: &output)
        case .array(let values):
            if values.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                if let indent { output += "\n" + String(repeating: " ", count: indent + 2) }
                value.write(into: &output, indent: indent.map { $0 + 2 }, sortedKeys: sortedKeys)
            }
            if let indent { output += "\n" + String(repeating: " ", count: indent) }
            output += "]"
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            let ordered = sortedKeys ? members.sorted { $0.0 < $1.0 } : members
            output += "{"
            for (index, (key, value)) in ordered.enumerated() {
                if index > 0 { output += "," }
                if let indent { output += "\n" + String(repeating: " ", count: indent + 2) }
                JSONValue.writeString(key, into: &output)
                output += indent == nil ? ":" : ": "
                value.write(into: &output, indent: indent.map { $0 + 2 }, sortedKeys: sortedKeys)
            }
            if let indent { output += "\n" + String(repeating: " ", count: indent) }
            output += "}"
        }
    }

    private static func writeString(_ value: String, into output: inout String) {
        output += "\""
        let utf8 = value.utf8
        if !utf8.contains(where: { needsEscape($0) || $0 == 0xE2 }) {
            output += value
        } else {
            // Valid UTF-8: a byte below 0x80 is a whole scalar, and 0xE2 starts a three-byte one.
            let source = Array(utf8)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(source.count + 16)
            var index = 0
            while index < source.count {
                let byte = source[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): bytes += Array("\\\"".utf8)
                case UInt8(ascii: "\\"): bytes += Array("\\\\".utf8)
                case 0x0A: bytes += Array("\\n".utf8)
                case 0x0D: bytes += Array("\\r".utf8)
                case 0x09: bytes += Array("\\t".utf8)
                case 0x08: bytes += Array("\\b".utf8)
                case 0x0C: bytes += Array("\\f".utf8)
                case 0xE2 where index + 1 < source.count && source[index] == 0x80
                    && (source[index + 1] == 0xA8 || source[index + 1] == 0xA9):
                    bytes += Array((source[index + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index += 2
                default:
                    if byte < 0x20 {
                        let hex = String(byte, radix: 16)
                        bytes += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                    } else {
                        bytes.append(byte)
                    }
                }
            }
            output += String(decoding: bytes, as: UTF8.self)
        }
        output += "\""
    }

    /// True for a byte that always needs escaping in a JSON string.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
