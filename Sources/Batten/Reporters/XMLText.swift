/// Escaping for XML 1.0 text and attribute values. Characters XML cannot carry at all (most
/// control characters) become U+FFFD.
enum XMLText {
    /// `text` as element content.
    static func text(_ text: String) -> String { escape(text, attribute: false) }

    /// `text` as a double-quoted attribute value; line breaks and tabs are kept as character
    /// references so that parsers do not normalise them to spaces.
    static func attribute(_ text: String) -> String { escape(text, attribute: true) }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "'" where attribute: result += "&apos;"
            case "\n" where attribute: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t" where attribute: result += "&#9;"
            default:
                if isAllowed(scalar) { result.unicodeScalars.append(scalar) } else { result += "\u{FFFD}" }
            }
        }
        return result
    }

    /// XML 1.0 `Char`: tab, line feed, carriage return, and everything from U+0020 except U+FFFE and U+FFFF.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
