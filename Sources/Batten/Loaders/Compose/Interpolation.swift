/// Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
/// `${VAR:?message}`, `${VAR?message}`, `${VAR:+alt}`, `${VAR+alt}`, nesting inside the argument, and
/// `$$` for a literal `$`.
///
/// Arguments are evaluated before the operator is applied, as Compose does: a required variable nested
/// in a default is reported even when the default is not used.
public enum Interpolation {
    /// Something worth telling the user about one template.
    public enum Problem: Hashable, Sendable {
        /// A variable used without a default is not set; it became an empty string.
        case unset(name: String)
        /// `${NAME:?message}` / `${NAME?message}` with the variable missing.
        case required(name: String, message: String)
        /// The template cannot be parsed (`${}`, `${A:x}`, an unterminated `${`).
        case invalid

        /// The message Compose would print.
        public var message: String {
            switch self {
            case .unset(let name):
                return "The \"\(name)\" variable is not set. Defaulting to a blank string."
            case .required(let name, let message):
                return message.isEmpty
                    ? "required variable \(name) is missing a value"
                    : "required variable \(name) is missing a value: \(message)"
            case .invalid:
                return "invalid interpolation format"
            }
        }
    }

    /// The outcome of interpolating one string.
    public struct Result: Hashable, Sendable {
        public var value: String
        /// True when at least one variable reference was evaluated (`$$` alone does not count).
        public var substituted: Bool
        public var problems: [Problem]
    }

    /// Interpolates `template`, looking variables up with `lookup` (nil: unset).
    public static func interpolate(_ template: String, lookup: (String) -> String?) -> Result {
        let bytes = Array(template.utf8)
        guard bytes.contains(UInt8(ascii: "$")) else {
            return Result(value: template, substituted: false, problems: [])
        }
        return withoutActuallyEscaping(lookup) { lookup in
            var parser = Parser(bytes: bytes, lookup: lookup)
            let output = parser.parse(stopAtBrace: false)
            if parser.invalid {
                return Result(value: template, substituted: parser.substituted, problems: parser.problems + [.invalid])
            }
            return Result(
                value: String(decoding: output, as: UTF8.self), substituted: parser.substituted, problems: parser.problems)
        }
    }

    /// True when `text` holds a variable reference (`$NAME` or `${…}`), not just `$$` escapes.
    public static func containsVariable(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count {
                    let next = bytes[index + 1]
                    if next == UInt8(ascii: "$") {
                        index += 2
                        continue
                    }
                    if next == UInt8(ascii: "{") || isNameStart(next) { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// Escapes every `$` as `$$`, the way `docker compose config` prints values.
    public static func escape(_ text: String) -> String {
        text.contains("$") ? text.replacingOccurrences(of: "$", with: "$$") : text
    }

    /// Deepest `${…${…}…}` nesting accepted; deeper templates are invalid.
    static let maximumNesting = 64

    static func isNameStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 48 && byte <= 57)
    }

    private struct Parser {
        let bytes: [UInt8]
        let lookup: (String) -> String?
        var index = 0
        var invalid = false
        var substituted = false
        var depth = 0
        var problems: [Problem] = []

        init(bytes: [UInt8], lookup: @escaping (String) -> String?) {
            self.bytes = bytes
            self.lookup = lookup
        }

        mutating func parse(stopAtBrace: Bool) -> [UInt8] {
            var output: [UInt8] = []
            while index < bytes.count, !invalid {
                let byte = bytes[index]
                if stopAtBrace && byte == UInt8(ascii: "}") { return output }
                guard byte == UInt8(ascii: "$") else {
                    output.append(byte)
                    index += 1
                    continue
                }
                guard index + 1 < bytes.count else {
                    output.append(byte)
                    index += 1
                    continue
                }
                let next = bytes[index + 1]
                if next == UInt8(ascii: "$") {
                    output.append(byte)
                    index += 2
                } else if next == UInt8(ascii: "{") {
                    index += 2
                    output += braced()
                } else if Interpolation.isNameStart(next) {
                    var end = index + 1
                    while end < bytes.count, Interpolation.isNameByte(bytes[end]) { end += 1 }
                    let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                    index = end
                    substituted = true
                    if let value = lookup(name) {
                        output += Array(value.utf8)
                    } else {
                        problems.append(.unset(name: name))
                    }
                } else {
                    output.append(byte)
                    index += 1
                }
            }
            return output
        }

        /// Parses what follows `${`, through the closing brace.
        mutating func braced() -> [UInt8] {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Interpolation.maximumNesting else {
                invalid = true
                return []
            }
            let nameStart = index
            guard index < bytes.count, Interpolation.isNameStart(bytes[index]) else {
                invalid = true
                return []
            }
            while index < bytes.count, Interpolation.isNameByte(bytes[index]) { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            substituted = true
            guard index < bytes.count else {
                invalid = true
                return []
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                if let value = lookup(name) { return Array(value.utf8) }
                problems.append(.unset(name: name))
                return []
            }
            var colon = false
            if bytes[index] == UInt8(ascii: ":") {
                colon = true
                index += 1
            }
            guard index < bytes.count else {
                invalid = true
                return []
            }
            let operation = bytes[index]
            guard operation == UInt8(ascii: "-") || operation == UInt8(ascii: "?") || operation == UInt8(ascii: "+") else {
                invalid = true
                return []
            }
            index += 1
            let argument = parse(stopAtBrace: true)
            guard !invalid, index < bytes.count, bytes[index] == UInt8(ascii: "}") else {
                invalid = true
                return []
            }
            index += 1
            let value = lookup(name)
            let missing = value == nil || (colon && value?.isEmpty == true)
            switch operation {
            case UInt8(ascii: "-"):
                return missing ? argument : Array((value ?? "").utf8)
            case UInt8(ascii: "?"):
                if missing {
                    problems.append(.required(name: name, message: String(decoding: argument, as: UTF8.self)))
                    return []
                }
                return Array((value ?? "").utf8)
            default:
                return missing ? [] : argument
            }
        }
    }
}
