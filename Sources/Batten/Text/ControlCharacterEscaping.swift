extension StringProtocol {
    /// The text with its control characters written as escapes: `\n`, `\r`, and `\u{XX}` for the
    /// other C0 controls, DEL, the C1 controls (NEL among them) and the Unicode line and paragraph
    /// separators; tabs stay. A name read from a manifest (a service called `x\n::error::…`) then
    /// stays on its line of a report: it cannot start a CI workflow command or move the terminal's
    /// cursor. Text without such characters is returned as it is, without copying it twice.
    var escapingControlCharacters: String {
        guard utf8.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) else {
            return String(self)
        }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result.unicodeScalars.append(scalar)
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
