/// What a plain (unquoted, untagged) scalar means to a YAML 1.1 or 1.2 reader.
public enum ScalarType: Sendable, Hashable {
    case null
    case bool
    case int
    case float
    case timestamp
    /// The YAML 1.1 merge key `<<` or value key `=`.
    case special
    case string
}

/// Resolution of plain scalars the way the YAML libraries behind Compose and Kubernetes read them.
/// Where YAML 1.1 and 1.2 differ (`yes`, `on`, `0755`), the wider 1.1 reading is used, which is what
/// matters for deciding when a string must be quoted and for reading booleans the way
/// `sigs.k8s.io/yaml` does.
public enum ScalarResolution {
    /// The type a reader gives `text` when it appears as a plain scalar.
    public static func plainType(_ text: String) -> ScalarType {
        let utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        // Quick reject: most strings start with a letter that cannot begin a special value.
        switch first {
        case UInt8(ascii: "~"):
            return text == "~" ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            if isNull(text) { return .null }
            return bool(text) != nil ? .bool : .string
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"),
            UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            return bool(text) != nil ? .bool : .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if isInt(text) { return .int }
            if isFloat(text) { return .float }
            if isTimestamp(text) { return .timestamp }
            return .string
        case UInt8(ascii: "<"):
            return text == "<<" ? .special : .string
        case UInt8(ascii: "="):
            return text == "=" ? .special : .string
        default:
            return .string
        }
    }

    public static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The YAML 1.1 boolean value of `text`, or nil when it is not a boolean.
    public static func bool(_ text: String) -> Bool? {
        // The longest of the words has five letters: longer text needs no comparison.
        guard text.utf8.count <= 5 else { return nil }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default: return nil
        }
    }

    /// The integer value of a YAML int literal (decimal, `0x`, `0o`, `0b`, 1.1 octal `0755`, underscores), or nil.
    public static func int(_ text: String) -> Int? {
        plainDecimal(text) ?? generalInt(text)
    }

    /// ``int(_:)`` for every form; the tests compare the plain-decimal fast path with it.
    static func generalInt(_ text: String) -> Int? {
        guard isInt(text) else { return nil }
        var digits = Substring(text.filter { $0 != "_" })
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        let value: Int?
        if digits.contains(":") {
            var total = 0
            for part in digits.split(separator: ":") {
                guard let part = Int(part) else { return nil }
                total = total * 60 + part
            }
            value = total
        } else if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            value = Int(digits.dropFirst(2), radix: 16)
        } else if digits.hasPrefix("0o") || digits.hasPrefix("0O") {
            value = Int(digits.dropFirst(2), radix: 8)
        } else if digits.hasPrefix("0b") || digits.hasPrefix("0B") {
            value = Int(digits.dropFirst(2), radix: 2)
        } else if digits.count > 1 && digits.hasPrefix("0") {
            value = Int(digits.dropFirst(), radix: 8)
        } else {
            value = Int(digits)
        }
        return value.map { negative ? -$0 : $0 }
    }

    /// The value of the most common form, `[-+]?[1-9][0-9]*` or `0`, read straight from the bytes;
    /// nil for every other text (and on overflow), which ``generalInt(_:)`` reads.
    private static func plainDecimal(_ text: String) -> Int? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var index = 0
            var negative = false
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                negative = sign == UInt8(ascii: "-")
                index = 1
            }
            guard index < bytes.count, bytes.count - index <= 18 else { return nil }
            if bytes[index] == UInt8(ascii: "0") { return bytes.count == 1 ? 0 : nil }
            var value = 0
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
                index += 1
            }
            return negative ? -value : value
        } ?? nil
    }

    /// YAML 1.1 integers, widened to what Go's YAML libraries (behind Compose and `sigs.k8s.io/yaml`)
    /// accept: underscores anywhere after the first character, and `0X`, `0O`, `0B` prefixes.
    static func isInt(_ text: String) -> Bool {
        guard text.utf8.first != UInt8(ascii: "_") else { return false }
        return withDigits(of: text) { bytes in
            guard !bytes.isEmpty else { return false }
            if bytes.count > 2 && bytes[0] == UInt8(ascii: "0") {
                let digits = bytes[2...]
                switch bytes[1] | 0x20 {
                case UInt8(ascii: "x"): return digits.allSatisfy { isDigit($0) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }
                case UInt8(ascii: "o"): return digits.allSatisfy { $0 >= 48 && $0 <= 55 }
                case UInt8(ascii: "b"): return digits.allSatisfy { $0 == 48 || $0 == 49 }
                default: break
                }
            }
            if bytes.contains(UInt8(ascii: ":")) {
                // YAML 1.1 sexagesimal: 190:20:30
                let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
                guard parts.count >= 2, let head = parts.first, !head.isEmpty, head.allSatisfy(isDigit),
                    head.first != UInt8(ascii: "0") || head.count == 1
                else { return false }
                return parts.dropFirst().allSatisfy { part in
                    part.count >= 1 && part.count <= 2 && part.allSatisfy(isDigit)
                        && (part.count == 1 || part[part.startIndex] <= UInt8(ascii: "5"))
                }
            }
            return bytes.allSatisfy(isDigit)
        }
    }

    /// YAML 1.1 floats, widened like ``isInt(_:)`` to accept underscores anywhere, as Go's libraries do.
    static func isFloat(_ text: String) -> Bool {
        if text == ".nan" || text == ".NaN" || text == ".NAN" { return true }
        return withDigits(of: text) { bytes in
            if bytes.elementsEqual(".inf".utf8) || bytes.elementsEqual(".Inf".utf8) || bytes.elementsEqual(".INF".utf8) {
                return true
            }
            guard let first = bytes.first, isDigit(first) || first == UInt8(ascii: ".") else { return false }
            var sawDigit = false
            var sawDot = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if isDigit(byte) {
                    sawDigit = true
                } else if byte == UInt8(ascii: ".") && !sawDot {
                    sawDot = true
                } else if byte | 0x20 == UInt8(ascii: "e") && sawDigit {
                    var next = index + 1
                    if next < bytes.count, bytes[next] == UInt8(ascii: "-") || bytes[next] == UInt8(ascii: "+") { next += 1 }
                    return next < bytes.count && bytes[next...].allSatisfy(isDigit)
                } else if byte == UInt8(ascii: ":") && sawDigit && !sawDot {
                    // sexagesimal float 190:20:30.15 (every float is ASCII)
                    return bytes.contains(UInt8(ascii: ".")) && bytes.allSatisfy { $0 < 0x80 }
                } else {
                    return false
                }
                index += 1
            }
            return sawDigit && sawDot
        }
    }

    static func isTimestamp(_ text: String) -> Bool {
        // YYYY-M-D, optionally followed by a time; enough to know it must be quoted.
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 8, bytes[0...3].allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-") else { return false }
            var index = 5
            var digits = 0
            while index < bytes.count, isDigit(bytes[index]) {
                index += 1
                digits += 1
            }
            guard digits == 1 || digits == 2, index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return false }
            index += 1
            digits = 0
            while index < bytes.count, isDigit(bytes[index]) {
                index += 1
                digits += 1
            }
            guard digits == 1 || digits == 2 else { return false }
            return index == bytes.count || bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t")
                || bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }

    /// `body` over the UTF-8 bytes of a number as Go's readers see it: one leading sign dropped and
    /// every underscore removed. The bytes are copied to the stack, not to a new array.
    private static func withDigits(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let start = bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? 1 : 0
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count - start, 1)) { buffer in
                var count = 0
                for index in start..<bytes.count where bytes[index] != UInt8(ascii: "_") {
                    buffer[count] = bytes[index]
                    count += 1
                }
                return body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
            }
        }
    }

    /// True for numbers joined by colons (`8080:80`, `127.0.0.1:5432:5432`, `1000:1000`,
    /// `53:53/udp`): readers disagree on some of them (YAML 1.1 reads `22:22` as a base-60 number),
    /// so the emitter always quotes them, as the Compose documentation recommends for ports.
    public static func isColonSeparatedNumbers(_ text: String) -> Bool {
        var body = Substring(text)
        if let slash = body.lastIndex(of: "/") {
            let suffix = body[body.index(after: slash)...]
            guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
            body = body[..<slash]
        }
        guard let first = body.first, first.isASCII, first.isNumber, body.contains(":") else { return false }
        return body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == ":" || $0 == "." || $0 == "-" }
    }

    /// True when `text` written as a plain scalar would be read back as the same string:
    /// it does not resolve to another type and libyaml may write it plain.
    public static func readsBackAsString(_ text: String) -> Bool {
        plainType(text) == .string
    }
}

extension YAMLDocument {
    /// The type of a scalar node: quoted and block scalars are strings, tagged ones follow their tag,
    /// plain ones are resolved. Aliases are followed.
    public func scalarType(_ id: NodeID) -> ScalarType? {
        let target = resolve(id)
        guard let text = scalar(target) else { return nil }
        switch tag(target) {
        case "!!str": return .string
        case "!!int": return .int
        case "!!bool": return .bool
        case "!!float": return .float
        case "!!null": return .null
        case nil: break
        default: if tag(target)?.hasPrefix("!!") == false { return .string }
        }
        return style(target) == .plain ? ScalarResolution.plainType(text) : .string
    }

    /// True when the node is null: an empty plain value, `~`, `null`, or `!!null`.
    public func isNull(_ id: NodeID) -> Bool { scalarType(id) == .null }

    /// The boolean value of a node read as YAML 1.1 (`true`, `yes`, `on` …); nil when it is not a boolean.
    public func bool(_ id: NodeID) -> Bool? {
        let target = resolve(id)
        guard scalarType(target) == .bool, let text = scalar(target) else { return nil }
        return ScalarResolution.bool(text)
    }
}
