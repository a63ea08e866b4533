/// Resource quantities as written in a manifest (`512M`, `0.5`, `1Gi`, `-1`).
enum ResourceQuantity {
    /// True when the quantity sets no bound: zero (`0`, `0.0`, `0Mi`) or negative (`-1`).
    /// Text that does not start with a number (an unresolved variable) is taken as a bound.
    static func isUnbounded(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace
        var numeric = ""
        for character in trimmed {
            if character.isNumber || character == "." || (numeric.isEmpty && (character == "-" || character == "+")) {
                numeric.append(character)
            } else {
                break
            }
        }
        guard let value = Double(numeric) else { return false }
        return value <= 0
    }
}
