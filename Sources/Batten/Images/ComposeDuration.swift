/// Compose durations (`30s`, `1m30s`, `500ms`, `1h`): one or more number-and-unit pairs.
enum ComposeDuration {
    /// Unit suffixes, longest first so that `ms` is not read as `m`.
    static let units = ["ns", "us", "µs", "ms", "s", "m", "h"].sorted { $0.count > $1.count }

    static func isValid(_ text: String) -> Bool {
        var rest = Substring(text)
        guard !rest.isEmpty else { return false }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, digits.first?.isNumber == true else { return false }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0) }) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }
}
