/// Escaping for Markdown written into pull-request comments and job summaries.
enum MarkdownText {
    /// Characters escaped with a backslash: everything that could start markup, end a table cell,
    /// or turn into a mention or an issue link.
    private static let escaped: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "@", "~", "!"]

    /// `text` as literal Markdown text on one line.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\n" || character == "\r" || character == "\r\n" {
                result.append(" ")
            } else if escaped.contains(character) {
                result.append("\\")
                result.append(character)
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `text` as a code span that survives backticks inside and, in a table, pipes.
    static func code(_ text: String) -> String {
        let flattened = text.replacingNewlines(with: " ").replacingPipes()
        var longest = 0
        var run = 0
        for character in flattened {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = flattened.hasPrefix("`") || flattened.hasSuffix("`") ? " " : ""
        return fence + padding + flattened + padding + fence
    }
}

/// Escaping for text inside the HTML elements of a Markdown report.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension String {
    fileprivate func replacingNewlines(with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == "\n" || character == "\r" || character == "\r\n" { result += replacement } else { result.append(character) }
        }
        return result
    }

    fileprivate func replacingPipes() -> String {
        var result = ""
        for character in self {
            if character == "|" { result += "\\|" } else { result.append(character) }
        }
        return result
    }
}
