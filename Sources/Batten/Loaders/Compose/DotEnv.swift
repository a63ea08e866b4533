/// Reads `.env` files the way Compose does: `KEY=VALUE` (or `KEY: VALUE`), an optional `export `
/// prefix, `#` comments, single quotes (literal), double quotes (escapes and interpolation),
/// unquoted values (interpolated, ` #` starts a comment, trailing blanks trimmed), and a bare `KEY`
/// that takes its value from the environment when set there.
enum DotEnv {
    struct Entry: Hashable, Sendable {
        var key: String
        var value: String
        /// 1-based line of the key.
        var line: Int
    }

    struct Problem: Hashable, Sendable {
        var line: Int
        var message: String
    }

    struct Result: Sendable {
        var entries: [Entry] = []
        var problems: [Problem] = []

        /// The entries as a dictionary; a later entry wins.
        var values: [String: String] {
            var result: [String: String] = [:]
            for entry in entries { result[entry.key] = entry.value }
            return result
        }
    }

    /// Parses `text`. Variables in values are looked up first with `lookup` (the environment), then
    /// among the entries read so far.
    static func parse(_ text: String, lookup: (String) -> String?) -> Result {
        var result = Result()
        var defined: [String: String] = [:]
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        func resolve(_ name: String) -> String? { lookup(name) ?? defined[name] }

        while index < scalars.count {
            while index < scalars.count,
                scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\r"
                    || scalars[index] == "\n" || scalars[index] == "\u{FEFF}"
            {
                if scalars[index] == "\n" { line += 1 }
                index += 1
            }
            guard index < scalars.count else { break }
            if scalars[index] == "#" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            }
            let keyLine = line
            if matches(scalars, at: index, "export ") || matches(scalars, at: index, "export\t") {
                index += 7
                while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            }
            var key = String.UnicodeScalarView()
            var separator: Unicode.Scalar?
            var badCharacter: Unicode.Scalar?
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "=" || scalar == ":" || scalar == "\n" {
                    separator = scalar
                    index += 1
                    break
                }
                if scalar == " " || scalar == "\t" || scalar == "\r" {
                    index += 1
                    continue
                }
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "_.-[]".unicodeScalars.contains(scalar) {
                    key.append(scalar)
                } else if badCharacter == nil {
                    badCharacter = scalar
                }
                index += 1
            }
            let name = String(key)
            if let badCharacter {
                result.problems.append(
                    Problem(
                        line: keyLine, message: "unexpected character \"\(badCharacter)\" in variable name \"\(name)\""))
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            }
            if separator == nil || separator == "\n" {
                if separator == "\n" { line += 1 }
                if !name.isEmpty, let inherited = lookup(name) {
                    result.entries.append(Entry(key: name, value: inherited, line: keyLine))
                    defined[name] = inherited
                }
                continue
            }
            if name.isEmpty {
                result.problems.append(Problem(line: keyLine, message: "zero length variable name"))
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            }
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            let value: String
            if index < scalars.count, scalars[index] == "'" || scalars[index] == "\"" {
                let quote = scalars[index]
                index += 1
                var raw = String.UnicodeScalarView()
                var escaped = false
                var closed = false
                while index < scalars.count {
                    let scalar = scalars[index]
                    index += 1
                    if scalar == "\n" { line += 1 }
                    if scalar != quote {
                        if !escaped && scalar == "\\" {
                            escaped = true
                            continue
                        }
                        if escaped {
                            escaped = false
                            raw.append("\\")
                        }
                        raw.append(scalar)
                        continue
                    }
                    if escaped {
                        escaped = false
                        raw.append(scalar)
                        continue
                    }
                    closed = true
                    break
                }
                if !closed {
                    result.problems.append(Problem(line: keyLine, message: "unterminated quoted value for \(name)"))
                    break
                }
                if quote == "\"" {
                    value = Interpolation.interpolate(expandEscapes(String(raw)), lookup: resolve).value
                } else {
                    value = String(raw)
                }
                // The rest of the line after the closing quote is a comment.
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else {
                var raw = String.UnicodeScalarView()
                while index < scalars.count, scalars[index] != "\n" {
                    raw.append(scalars[index])
                    index += 1
                }
                var text = String(raw)
                if let comment = text.range(of: " #") { text = String(text[..<comment.lowerBound]) }
                while let last = text.unicodeScalars.last, last == " " || last == "\t" || last == "\r" {
                    text.unicodeScalars.removeLast()
                }
                value = Interpolation.interpolate(text, lookup: resolve).value
            }
            result.entries.append(Entry(key: name, value: value, line: keyLine))
            defined[name] = value
        }
        return result
    }

    private static func matches(_ scalars: [Unicode.Scalar], at index: Int, _ text: String) -> Bool {
        var position = index
        for scalar in text.unicodeScalars {
            guard position < scalars.count, scalars[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    /// Shell escapes in double-quoted values: `\n`, `\t`, `\r`, `\\`, `\"`, `\$` (kept escaped for
    /// interpolation as `$$`).
    private static func expandEscapes(_ text: String) -> String {
        var output = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            guard let next = iterator.next() else {
                output.append("\\")
                break
            }
            switch next {
            case "n": output.append("\n")
            case "t": output.append("\t")
            case "r": output.append("\r")
            case "\\": output.append("\\")
            case "\"": output.append("\"")
            case "$": output.append("$$")
            default:
                output.append("\\")
                output.unicodeScalars.append(next)
            }
        }
        return output
    }
}
