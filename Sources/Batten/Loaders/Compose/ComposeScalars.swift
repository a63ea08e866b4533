/// How Compose's YAML 1.2 reader types a plain scalar, and the text it makes of it where it wants a
/// string (environment, labels, sysctls, annotations): `1.0` → `1`, `0755` → `493`, `0x1F` → `31`,
/// `True` → `true`, `1e6` → `1e+06`; `yes`, `on` and `8080:80` stay strings.
enum ComposeScalars {
    enum Typed: Equatable {
        case null
        case bool(Bool)
        case int(String)
        case float(Double)
        case string(String)
    }

    /// The type Compose gives a plain scalar's text.
    static func typed(_ text: String) -> Typed {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        let plain = text.replacingOccurrences(of: "_", with: "")
        if let integer = integer(plain) { return .int(integer) }
        if isFloat(plain), let value = Double(plain) { return .float(value) }
        switch plain {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: return .string(text)
        }
    }

    /// The string Compose makes of a plain scalar (nil for null).
    static func string(_ text: String) -> String? {
        switch typed(text) {
        case .null: return nil
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return value
        case .float(let value): return goFormat(value)
        case .string(let value): return value
        }
    }

    /// A Go `strconv.ParseInt(text, 0, 64)` / `ParseUint` reading as decimal text: decimal, `0x`, `0o`,
    /// `0b`, and a leading `0` for octal.
    private static func integer(_ text: String) -> String? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard let first = digits.first, first.isASCII, first.isNumber else { return nil }
        var radix = 10
        if digits.count > 1, first == "0" {
            switch digits.dropFirst().first {
            case "x", "X":
                radix = 16
                digits = digits.dropFirst(2)
            case "o", "O":
                radix = 8
                digits = digits.dropFirst(2)
            case "b", "B":
                radix = 2
                digits = digits.dropFirst(2)
            default:
                radix = 8
                digits = digits.dropFirst()
            }
        }
        guard !digits.isEmpty, let magnitude = UInt64(digits, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == 0 ? "0" : "-\(magnitude)"
        }
        return String(magnitude)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ text: String) -> Bool {
        var characters = Substring(text)
        if let sign = characters.first, sign == "-" || sign == "+" { characters = characters.dropFirst() }
        let mantissaEnd = characters.firstIndex { $0 == "e" || $0 == "E" } ?? characters.endIndex
        let mantissa = characters[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        if parts.count == 1 {
            guard !parts[0].isEmpty else { return false }
        } else if parts[0].isEmpty && parts[1].isEmpty {
            return false
        }
        guard mantissaEnd < characters.endIndex else { return true }
        var exponent = characters[characters.index(after: mantissaEnd)...]
        if let sign = exponent.first, sign == "-" || sign == "+" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A float as Go's `fmt.Sprint` prints it: shortest digits, `%e` form (`1e+06`) when the decimal
    /// exponent is below -4 or at least 6.
    static func goFormat(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let negative = value < 0
        let (digits, point) = shortestDigits(abs(value))
        let exponent = point - 1
        var text: String
        if exponent < -4 || exponent >= 6 {
            text = String(digits.first ?? "0")
            if digits.count > 1 { text += "." + digits.dropFirst() }
            let magnitude = abs(exponent)
            text += (exponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        } else if point <= 0 {
            text = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            text = digits + String(repeating: "0", count: point - digits.count)
        } else {
            let index = digits.index(digits.startIndex, offsetBy: point)
            text = digits[..<index] + "." + digits[index...]
        }
        return negative ? "-" + text : text
    }

    /// The shortest round-trip digits of a positive finite value and the position of the decimal point
    /// (`123.4` → ("1234", 3), `0.05` → ("5", -1)).
    private static func shortestDigits(_ value: Double) -> (String, Int) {
        let description = "\(value)"
        let parts = description.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(pieces[0])
        let fraction = pieces.count > 1 ? String(pieces[1]) : ""
        var digits = whole + fraction
        var point = whole.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, point)
    }
}
