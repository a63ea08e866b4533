/// How Batten recognises a secret in an environment variable without printing it.
enum SecretHeuristics {
    /// Name fragments that mark a variable as holding a secret, matched on whole words.
    static let defaultNamePatterns = [
        "PASSWORD", "PASSWD", "PASS", "PASSPHRASE", "PWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY",
        "ACCESS_KEY", "ENCRYPTION_KEY", "SIGNING_KEY", "CREDENTIAL", "CREDENTIALS", "AUTH",
    ]

    /// Last words that make a secret-looking name describe something else (`JWT_SECRET_FILE`,
    /// `AUTH_URL`, `TOKEN_TTL`, `AWS_ACCESS_KEY_ID`).
    static let nonSecretLastWords: Set<String> = [
        "FILE", "FILES", "FILENAME", "PATH", "DIR", "DIRECTORY", "LOCATION", "URL", "URI", "HOST", "HOSTNAME", "PORT",
        "ENABLED", "DISABLED", "ENABLE", "DISABLE", "REQUIRED", "TYPE", "KIND", "METHOD", "MODE", "PROVIDER", "BACKEND",
        "NAME", "USER", "USERNAME", "ID", "LENGTH", "SIZE", "EXPIRY", "EXPIRES", "EXPIRATION", "TTL", "TIMEOUT",
        "LIFETIME", "INTERVAL", "HEADER", "ENDPOINT", "ISSUER", "AUDIENCE", "REALM", "SCHEME", "STRATEGY", "POLICY",
        "ALGORITHM", "VERSION", "PREFIX", "FORMAT", "COUNT", "MIN", "MAX",
    ]

    /// Short patterns that name a secret only as the last word (`REDIS_AUTH`, `DB_PASS`), not as a
    /// qualifier in the middle (`GF_AUTH_ANONYMOUS_ORG_ROLE`, `PASS_THROUGH`).
    static let lastWordOnlyPatterns: Set<String> = ["AUTH", "PASS", "PWD"]

    /// Whole names that only look like secrets (the shell's working directories).
    static let nonSecretNames: Set<String> = ["PWD", "OLDPWD"]

    /// Values that switch something on or off rather than authenticate.
    static let switchValues: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "enabled", "disabled",
    ]

    /// Credentials that ship as defaults and are tried first by every scanner.
    static let wellKnownDefaults: Set<String> = [
        "postgres", "changeme", "change-me", "changeit", "admin", "password", "passw0rd", "secret", "root", "example",
        "123456", "12345678", "test", "guest", "default", "toor", "letmein", "mysql", "redis",
    ]

    /// The words of a variable name, upper-cased: split at `_`, `-`, `.` and lower-to-upper case changes
    /// (`dbPassword` → `DB`, `PASSWORD`; `APIKey` → `API`, `KEY`).
    static func words(of name: String) -> [String] {
        asciiWords(of: name) ?? characterWords(of: name)
    }

    /// ``words(of:)`` for any name, on Characters.
    static func characterWords(of name: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        let characters = Array(name)
        func flush() {
            if !current.isEmpty { words.append(String(current).uppercased()) }
            current = []
        }
        for (index, character) in characters.enumerated() {
            if character == "_" || character == "-" || character == "." || character == " " {
                flush()
                continue
            }
            if character.isUppercase, let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    flush()
                }
            }
            current.append(character)
        }
        flush()
        return words
    }

    /// ``words(of:)`` for an ASCII name without a carriage return (where a Character is one byte),
    /// on bytes; nil for any other name.
    static func asciiWords(of name: String) -> [String]? {
        var name = name
        let words = name.withUTF8 { bytes in
            withASCIIWords(of: bytes) { words in words.map { String(decoding: $0, as: UTF8.self) } }
        }
        return words ?? nil
    }

    /// True when `bytes` are ASCII without a carriage return: the names ``withASCIIWords(of:_:)`` splits.
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains { $0 >= 0x80 || $0 == 0x0D }
    }

    /// `body` with the upper-cased words of the ASCII name `bytes` (as ``words(of:)`` splits it),
    /// each a slice of one buffer; nil, without calling `body`, when the name is not ASCII or holds
    /// a carriage return.
    static func withASCIIWords<Result>(
        of bytes: UnsafeBufferPointer<UInt8>, _ body: ([Slice<UnsafeBufferPointer<UInt8>>]) -> Result
    ) -> Result? {
        guard isPlainASCII(bytes) else { return nil }
        func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
        func isLower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
        func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { buffer in
            for index in 0..<bytes.count { buffer[index] = isLower(bytes[index]) ? bytes[index] - 0x20 : bytes[index] }
            let upper = UnsafeBufferPointer(buffer)
            var words: [Slice<UnsafeBufferPointer<UInt8>>] = []
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ") {
                    if index > start { words.append(upper[start..<index]) }
                    start = index + 1
                    continue
                }
                if isUpper(byte), index > start {
                    let previous = bytes[index - 1]
                    let nextIsLower = index + 1 < bytes.count && isLower(bytes[index + 1])
                    if isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower) {
                        words.append(upper[start..<index])
                        start = index
                    }
                }
            }
            if bytes.count > start { words.append(upper[start..<bytes.count]) }
            return body(words)
        }
    }

    /// True when `name` looks like it holds a secret: one of `patterns` (themselves split into words)
    /// appears as consecutive words of the name — a long single-word pattern also as the end of a
    /// word (`DBPASSWORD`), a short one of ``lastWordOnlyPatterns`` only as the last word — and the
    /// name does not end with a word that describes something else.
    static func isSecretName(_ name: String, patterns: [String]) -> Bool {
        SecretNameMatcher(patterns: patterns).matches(name)
    }

    /// True when a value is worth reporting under a secret-looking name: not empty, not an on/off
    /// switch, not a file path, not a reference to another variable.
    static func isSecretValue(_ value: String) -> Bool {
        let trimmed = value.trimmingWhitespace
        return isLiteralSetting(trimmed) && !trimmed.contains("$(") && !trimmed.contains("${")
    }

    /// True when a trimmed value could hold a secret at all: not empty, not an on/off switch, not a
    /// file path. What the rule reports and what reports mask both start here.
    static func isLiteralSetting(_ trimmed: String) -> Bool {
        guard !trimmed.isEmpty, !switchValues.contains(trimmed.lowercased()) else { return false }
        return !(trimmed.hasPrefix("/") || trimmed.hasPrefix("./") || trimmed.hasPrefix("~/"))
    }

    static func isWellKnownDefault(_ value: String) -> Bool {
        wellKnownDefaults.contains(value.trimmingWhitespace.lowercased())
    }

    /// True when `text` holds a URL with a literal password: `scheme://user:password@host`, the
    /// password neither empty nor interpolated (``SecretArguments/urlPasswordRanges(in:)``).
    static func embedsURLCredentials(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // Most values hold no `@`, and no URL with a password.
            guard bytes.contains(UInt8(ascii: "@")) else { return false }
            return !SecretArguments.urlPasswordRanges(in: Array(bytes)[...]).isEmpty
        }
    }

    /// The literal defaults of the Compose interpolations in `raw` (`${NAME:-default}`,
    /// `${NAME-default}`); defaults that interpolate again are not literal.
    static func literalDefaults(in raw: String) -> [String] {
        var defaults: [String] = []
        let characters = Array(raw)
        var index = 0
        while index < characters.count {
            if characters[index] == "$", index + 1 < characters.count, characters[index + 1] == "$" {
                index += 2
                continue
            }
            guard characters[index] == "$", index + 1 < characters.count, characters[index + 1] == "{" else {
                index += 1
                continue
            }
            var depth = 1
            var end = index + 2
            while end < characters.count {
                if characters[end] == "{" { depth += 1 }
                if characters[end] == "}" {
                    depth -= 1
                    if depth == 0 { break }
                }
                end += 1
            }
            guard end < characters.count else { break }
            let body = characters[(index + 2)..<end]
            let nameEnd = body.firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? body.endIndex
            let operatorPart = body[nameEnd...]
            var value: ArraySlice<Character>?
            if operatorPart.starts(with: [":", "-"]) {
                value = operatorPart.dropFirst(2)
            } else if operatorPart.first == "-" {
                value = operatorPart.dropFirst()
            }
            if let value, !value.isEmpty, !value.contains("$") { defaults.append(String(value)) }
            index = end + 1
        }
        return defaults
    }
}

/// ``SecretHeuristics/isSecretName(_:patterns:)`` with the patterns split into words once and
/// sorted by how they match, so that a name is looked up word by word rather than pattern by pattern.
/// An ASCII name is matched on its bytes, without making a string of each word.
struct SecretNameMatcher: Sendable {
    /// One-word patterns that match any word of a name.
    private let anyWord: [[UInt8]]
    /// One-word patterns that match only the last word (``SecretHeuristics/lastWordOnlyPatterns``).
    private let lastWord: [[UInt8]]
    /// One-word patterns of six letters or more, which also match the end of a word (`DBPASSWORD`).
    private let wordEnds: [[UInt8]]
    /// Patterns of several words, matched as consecutive words of the name.
    private let phrases: [[[UInt8]]]
    /// The first word of every pattern, by its first byte: a name matches only if one of them is
    /// part of it, which rules out most names before they are split into words.
    private let firstWords: [[[UInt8]]]

    private static let nonSecretLastWords = SecretHeuristics.nonSecretLastWords.map { Array($0.utf8) }
    private static let nonSecretNames = SecretHeuristics.nonSecretNames.map { Array($0.utf8) }

    /// The matcher of ``SecretHeuristics/defaultNamePatterns``, built once.
    static let defaults = SecretNameMatcher(patterns: SecretHeuristics.defaultNamePatterns)

    /// The matcher of `patterns`: the shared ``defaults`` when they are the default patterns.
    static func of(_ patterns: [String]) -> SecretNameMatcher {
        patterns.isEmpty || patterns == SecretHeuristics.defaultNamePatterns ? defaults : SecretNameMatcher(patterns: patterns)
    }

    init(patterns: [String]) {
        var anyWord: [[UInt8]] = []
        var lastWord: [[UInt8]] = []
        var wordEnds: [[UInt8]] = []
        var phrases: [[[UInt8]]] = []
        for pattern in patterns {
            let words = SecretHeuristics.words(of: pattern)
            guard let single = words.first else { continue }
            if words.count > 1 {
                phrases.append(words.map { Array($0.utf8) })
            } else if SecretHeuristics.lastWordOnlyPatterns.contains(single) {
                lastWord.append(Array(single.utf8))
            } else {
                anyWord.append(Array(single.utf8))
                if single.count >= 6 { wordEnds.append(Array(single.utf8)) }
            }
        }
        self.anyWord = anyWord
        self.lastWord = lastWord
        var firstWords = [[[UInt8]]](repeating: [], count: 256)
        for word in Set(anyWord + lastWord + phrases.compactMap(\.first)) {
            if let first = word.first { firstWords[Int(first)].append(word) }
        }
        self.firstWords = firstWords
        self.wordEnds = wordEnds
        self.phrases = phrases
    }

    func matches(_ name: String) -> Bool {
        var name = name
        let ascii = name.withUTF8 { bytes -> Bool? in
            guard SecretHeuristics.isPlainASCII(bytes) else { return nil }
            guard containsFirstWord(bytes) else { return false }
            return SecretHeuristics.withASCIIWords(of: bytes) { matches(words: $0) }
        }
        if let ascii { return ascii }
        return matches(words: SecretHeuristics.words(of: name).map { Array($0.utf8)[...] })
    }

    /// True when the ASCII name `bytes`, upper-cased, holds the first word of some pattern.
    private func containsFirstWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func upper(_ byte: UInt8) -> UInt8 { byte &- 0x61 < 26 ? byte - 0x20 : byte }
        for start in bytes.indices {
            for word in firstWords[Int(upper(bytes[start]))] where start + word.count <= bytes.count {
                var offset = 1
                while offset < word.count && upper(bytes[start + offset]) == word[offset] { offset += 1 }
                if offset == word.count { return true }
            }
        }
        return false
    }

    /// The match for a name split into upper-case words.
    func matches<Word: Collection<UInt8>>(words: some BidirectionalCollection<Word>) -> Bool {
        guard let last = words.last else { return false }
        // Words never contain `_`, and no non-secret name does: only a one-word name can be one.
        if (words.count == 1 && Self.nonSecretNames.contains { $0.elementsEqual(last) })
            || Self.nonSecretLastWords.contains(where: { $0.elementsEqual(last) })
        {
            return false
        }
        if lastWord.contains(where: { $0.elementsEqual(last) }) { return true }
        for word in words {
            if anyWord.contains(where: { $0.elementsEqual(word) }) { return true }
            for end in wordEnds where word.count > end.count && word.suffix(end.count).elementsEqual(end) { return true }
        }
        let words = Array(words)
        for phrase in phrases where phrase.count <= words.count {
            for start in 0...(words.count - phrase.count)
            where zip(words[start..<(start + phrase.count)], phrase).allSatisfy({ $0.elementsEqual($1) }) {
                return true
            }
        }
        return false
    }
}
