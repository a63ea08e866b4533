import BattenYAML

/// The value formats Compose normalizes: byte sizes (`512m` → 536870912), durations (`90s` → `1m30s`,
/// printed the way Go prints a `time.Duration`), file modes.
enum ComposeUnits {
    /// A size such as `512m`, `1.5g`, `100k`, `2GiB`, `1024` in bytes (binary multiples), as Docker reads it.
    static func bytes(_ text: String) -> Int64? {
        var number = ""
        var rest = Substring(text)
        while let first = rest.first, first.isASCII, first.isNumber || first == "." {
            number.append(first)
            rest = rest.dropFirst()
        }
        guard !number.isEmpty, number.first != ".", number.last != ".", let value = Double(number) else { return nil }
        if rest.first == " " { rest = rest.dropFirst() }
        var multiplier: Double = 1
        if let unit = rest.first, let power = "kmgtp".firstIndex(of: Character(unit.lowercased())) {
            multiplier = pow1024("kmgtp".distance(from: "kmgtp".startIndex, to: power) + 1)
            rest = rest.dropFirst()
        }
        if rest.first == "i" || rest.first == "I" { rest = rest.dropFirst() }
        if rest.first == "b" || rest.first == "B" { rest = rest.dropFirst() }
        guard rest.isEmpty else { return nil }
        let bytes = value * multiplier
        guard bytes < 9.2e18 else { return nil }
        return Int64(bytes)
    }

    private static func pow1024(_ exponent: Int) -> Double {
        var result: Double = 1
        for _ in 0..<exponent { result *= 1024 }
        return result
    }

    /// A Go duration (`1h2m3.5s`, `500ms`, `10us`) in nanoseconds; a bare number is seconds.
    static func duration(_ text: String) -> Int64? {
        var rest = Substring(text)
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        if let seconds = Double(rest), !rest.isEmpty, rest.allSatisfy({ $0.isNumber || $0 == "." }) {
            guard seconds * 1e9 < 9.2e18 else { return nil }
            return Int64(seconds * 1e9) * (negative ? -1 : 1)
        }
        var total: Double = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            var number = ""
            while let first = rest.first, first.isASCII, first.isNumber || first == "." {
                number.append(first)
                rest = rest.dropFirst()
            }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            var unit = ""
            while let first = rest.first, !(first.isASCII && (first.isNumber || first == ".")) {
                unit.append(first)
                rest = rest.dropFirst()
            }
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: return nil
            }
            total += value * scale
        }
        guard total < 9.2e18 else { return nil }
        return Int64(total.rounded()) * (negative ? -1 : 1)
    }

    /// Nanoseconds as Go's `time.Duration.String()` prints them: `0s`, `500ms`, `1.5µs`, `1m30s`, `1h0m0s`.
    static func formatDuration(_ nanoseconds: Int64) -> String {
        let negative = nanoseconds < 0
        var value = nanoseconds.magnitude
        var text: String
        if value < 1_000_000_000 {
            if value == 0 { return "0s" }
            let unit: String
            let precision: Int
            if value < 1_000 {
                unit = "ns"
                precision = 0
            } else if value < 1_000_000 {
                unit = "µs"
                precision = 3
            } else {
                unit = "ms"
                precision = 6
            }
            text = fraction(&value, precision: precision) + unit
            text = String(value) + text
        } else {
            text = fraction(&value, precision: 9) + "s"
            text = String(value % 60) + text
            value /= 60
            if value > 0 {
                text = String(value % 60) + "m" + text
                value /= 60
                if value > 0 { text = String(value) + "h" + text }
            }
        }
        return negative ? "-" + text : text
    }

    /// Splits off the last `precision` decimal digits of `value` as `.ddd` without trailing zeros
    /// (empty when they are all zero), leaving the integer part in `value`.
    private static func fraction(_ value: inout UInt64, precision: Int) -> String {
        guard precision > 0 else { return "" }
        var divisor: UInt64 = 1
        for _ in 0..<precision { divisor *= 10 }
        let remainder = value % divisor
        value /= divisor
        guard remainder > 0 else { return "" }
        var digits = String(remainder)
        digits = String(repeating: "0", count: precision - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "." + digits
    }

    /// A file mode written as a YAML number (`0440` and `0o440` are octal, `288` decimal) or a string.
    static func fileMode(_ scalar: SourcedScalar) -> Int? {
        let text = scalar.raw.flatMap { $0.contains("$") ? nil : $0 } ?? scalar.value
        if scalar.kind == .literal, let value = ScalarResolution.int(text) { return value }
        if text.hasPrefix("0o") || text.hasPrefix("0O") { return Int(text.dropFirst(2), radix: 8) }
        if text.count > 1, text.hasPrefix("0") { return Int(text.dropFirst(), radix: 8) }
        return Int(text)
    }
}
