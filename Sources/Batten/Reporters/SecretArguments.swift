/// Secret values inside a command line or any text of whitespace-separated words: the value of a
/// secret flag (`--password=…`, `--requirepass …`), of a secret assignment (`DB_PASSWORD=…`) and
/// the password of a URL (`postgres://user:…@db`). Works on bytes and answers byte ranges, so that
/// the same scan masks a node's source text, a quoted line and a rendered value.
enum SecretArguments {
    /// Flags that take a secret but whose names the secret name patterns do not match.
    static let flagNames: Set<String> = [
        "REQUIREPASS", "MASTERAUTH", "MASTERPASS", "AUTHPASS", "PASS", "PWD", "TOKEN", "AUTH", "SECRET",
    ]

    /// What may stand before a word in a flow sequence or a quoted string: `["--password", …]`.
    private static let openers: Set<UInt8> = Set("\"'[{(".utf8)
    /// What may stand after a flag name: a closing quote, a separator of a flow sequence.
    private static let closers: Set<UInt8> = Set("\"',]})".utf8)

    /// True when a flag or assignment name (dashes stripped) names a secret.
    static func isSecretName(_ name: String, patterns: SecretNameMatcher) -> Bool {
        guard !name.isEmpty else { return false }
        return flagNames.contains(name.uppercased()) || patterns.matches(name)
    }

    /// True when a value under a secret name is masked where it is shown: anything but an empty
    /// value, an on/off switch, a file path, or a reference to another variable alone (`${NAME}`,
    /// `${NAME:?message}`, `$NAME`, `$(NAME)`). A value that only partly interpolates, or that has
    /// a `${NAME:-default}`, is masked whole: the reference may sit next to a literal secret.
    static func isMaskable(_ value: String) -> Bool {
        let trimmed = value.trimmingWhitespace
        return SecretHeuristics.isLiteralSetting(trimmed) && !isReference(trimmed)
    }

    /// True when `text` is one variable reference and nothing else, without a default value.
    static func isReference(_ text: String) -> Bool {
        func isName(_ name: Substring) -> Bool { !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }
        if text.hasPrefix("${"), text.hasSuffix("}"), text.count >= 4 {
            let body = text.dropFirst(2).dropLast()
            guard !body.contains("$"), !body.contains("}") else { return false }
            let name = body.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let rest = body.dropFirst(name.count)
            return isName(name) && (rest.isEmpty || rest.hasPrefix(":?") || rest.hasPrefix("?"))
        }
        if text.hasPrefix("$("), text.hasSuffix(")") { return isName(text.dropFirst(2).dropLast()) }
        if text.hasPrefix("$") { return isName(text.dropFirst()) }
        return false
    }

    /// The byte ranges (indices of `bytes`) of the secret values in `bytes`, including the words
    /// that are secrets by their shape (``SecretShapes``).
    static func valueRanges(in bytes: ArraySlice<UInt8>, patterns: SecretNameMatcher) -> [Range<Int>] {
        var ranges = urlPasswordRanges(in: bytes) + SecretShapes.ranges(in: bytes)
        guard bytes.contains(UInt8(ascii: "=")) || bytes.contains(UInt8(ascii: "-")) else { return ranges }
        var maskNext = false
        for token in tokens(of: bytes) {
            let word = bytes[token]
            if maskNext, word.first != UInt8(ascii: "-") {
                ranges.append(token)
                maskNext = false
                continue
            }
            maskNext = false
            var start = word.startIndex
            while start < word.endIndex, openers.contains(word[start]) { start += 1 }
            let isFlag = start < word.endIndex && word[start] == UInt8(ascii: "-")
            while start < word.endIndex, word[start] == UInt8(ascii: "-") { start += 1 }
            if let equals = word[start...].firstIndex(of: UInt8(ascii: "=")) {
                let name = String(decoding: word[start..<equals], as: UTF8.self)
                let value = word[(equals + 1)...]
                guard isMaskable(String(decoding: value, as: UTF8.self)), isSecretName(name, patterns: patterns) else { continue }
                ranges.append((equals + 1)..<word.endIndex)
            } else if isFlag {
                var end = word.endIndex
                while end > start, closers.contains(word[end - 1]) { end -= 1 }
                maskNext = isSecretName(String(decoding: word[start..<end], as: UTF8.self), patterns: patterns)
            }
        }
        return ranges
    }

    /// The words of `bytes`: runs of bytes other than blanks, a `${…}` counting as one word.
    static func tokens(of bytes: ArraySlice<UInt8>) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var start: Int?
        var depth = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{"), index > bytes.startIndex, bytes[index - 1] == UInt8(ascii: "$") || depth > 0 { depth += 1 }
            if byte == UInt8(ascii: "}"), depth > 0 { depth -= 1 }
            let isBlank = depth == 0 && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0A || byte == 0x0D)
            if isBlank {
                if let begun = start { tokens.append(begun..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let start { tokens.append(start..<bytes.endIndex) }
        return tokens
    }

    /// The bytes that end a URL's authority (`user:password@host`).
    private static let authorityStops: Set<UInt8> = Set("/?# \t\r\n,;\"'}]".utf8)

    /// The passwords of the URLs in `bytes` (`scheme://user:password@host`), neither empty nor
    /// interpolated. The one scan for URL credentials: ``SecretHeuristics/embedsURLCredentials(_:)``
    /// asks it too.
    static func urlPasswordRanges(in bytes: ArraySlice<UInt8>) -> [Range<Int>] {
        // A URL with a password has an `@` before its host: most values have none.
        guard bytes.contains(UInt8(ascii: "@")) else { return [] }
        var ranges: [Range<Int>] = []
        var index = bytes.startIndex
        let stops = Self.authorityStops
        while index + 2 < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/")
            else {
                index += 1
                continue
            }
            let authorityStart = index + 3
            var end = authorityStart
            while end < bytes.endIndex, !stops.contains(bytes[end]) { end += 1 }
            let authority = bytes[authorityStart..<end]
            if let at = authority.lastIndex(of: UInt8(ascii: "@")),
                let colon = authority[..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at,
                !authority[(colon + 1)..<at].contains(UInt8(ascii: "$"))
            {
                ranges.append((colon + 1)..<at)
            }
            index = max(end, index + 3)
        }
        return ranges
    }
}
