/// Splits a command string into words the way Compose does for `command` and `entrypoint` strings:
/// blanks separate words, single quotes are literal, double quotes group, a backslash escapes the
/// next character (outside single quotes), and an unquoted `;`, `&`, `|`, `<` or `>` ends the command.
enum ShellWords {
    /// The words of `line`; nil when a quote is left open.
    static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var hasWord = false
        var singleQuoted = false
        var doubleQuoted = false
        var escaped = false
        loop: for character in line {
            if escaped {
                current.append(character)
                escaped = false
                hasWord = true
                continue
            }
            if character == "\\" {
                if singleQuoted {
                    current.append(character)
                } else {
                    escaped = true
                }
                continue
            }
            if character == " " || character == "\t" || character == "\n" || character == "\r" {
                if singleQuoted || doubleQuoted {
                    current.append(character)
                } else if hasWord {
                    words.append(current)
                    current = ""
                    hasWord = false
                }
                continue
            }
            switch character {
            case "\"" where !singleQuoted:
                doubleQuoted.toggle()
                hasWord = true
                continue
            case "'" where !doubleQuoted:
                singleQuoted.toggle()
                hasWord = true
                continue
            case ";", "&", "|", "<", ">":
                if !singleQuoted && !doubleQuoted { break loop }
            default:
                break
            }
            current.append(character)
            hasWord = true
        }
        if escaped || singleQuoted || doubleQuoted { return nil }
        if hasWord { words.append(current) }
        return words
    }
}
