import Foundation

/// Values that are secrets by their shape, whatever the name they are stored under: PEM private
/// keys, the token formats of well-known services, and long random strings.
///
/// Conservative on purpose: hexadecimal strings (checksums, image digests, git commits), UUIDs,
/// version strings, host names, public keys and base64 of readable text are never secrets here.
enum SecretShapes {
    /// The shortest value the entropy test looks at: shorter random strings are rarely secrets.
    static let minimumRandomLength = 24
    /// The longest: longer values are certificates, blobs or data rather than one secret.
    static let maximumRandomLength = 256
    /// Bits of Shannon entropy per character a random secret has at least (a random alphanumeric
    /// string of 24 characters has about 4.2; English words and identifiers stay below 4).
    static let minimumEntropy = 4.0

    /// What `value` looks like (`a PEM private key`, `a GitHub token`), or nil when its shape says
    /// nothing. Looks at every word of the value for token formats, at the whole value for a PEM
    /// key or a random string.
    static func shape(of value: String) -> String? {
        let trimmed = value.trimmingWhitespace
        guard trimmed.utf8.count >= 16 else { return nil }
        if containsPrivateKey(trimmed) { return "a PEM private key" }
        // Certificates and public keys are PEM too, with random-looking bodies that are not secret.
        if trimmed.contains("-----BEGIN ") { return nil }
        let bytes = Array(trimmed.utf8)
        for token in words(of: bytes[...]) {
            if let known = tokenFormat(bytes[token]) { return known }
        }
        if let random = randomShape(bytes[...]) { return random }
        return nil
    }

    /// The byte ranges (indices of `bytes`) of words that are secrets by their shape, for masking.
    static func ranges(in bytes: ArraySlice<UInt8>) -> [Range<Int>] {
        guard bytes.count >= 16, !containsPEMHeader(bytes) else { return [] }
        return words(of: bytes).filter { range in
            let word = bytes[range]
            return word.count >= 16 && (tokenFormat(word) != nil || randomShape(word) != nil)
        }
    }

    /// True when `text` holds the header of a PEM private key (`-----BEGIN RSA PRIVATE KEY-----`,
    /// `-----BEGIN OPENSSH PRIVATE KEY-----`, `-----BEGIN PGP PRIVATE KEY BLOCK-----` …).
    static func containsPrivateKey(_ text: String) -> Bool {
        var rest = Substring(text)
        while let begin = rest.range(of: "-----BEGIN ") {
            let header = rest[begin.upperBound...].prefix { $0 != "-" && $0 != "\n" }
            if header.hasSuffix("PRIVATE KEY") || header.hasSuffix("PRIVATE KEY BLOCK") { return true }
            rest = rest[begin.upperBound...]
        }
        return false
    }

    private static let pemHeader = Array("-----BEGIN ".utf8)

    /// True when `bytes` hold a PEM header: a private key is masked whole by whoever finds it, a
    /// certificate or public key not at all.
    private static func containsPEMHeader(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= pemHeader.count else { return false }
        var index = bytes.startIndex
        while index + pemHeader.count <= bytes.endIndex {
            if bytes[index] == UInt8(ascii: "-"), bytes[index..<(index + pemHeader.count)].elementsEqual(pemHeader) { return true }
            index += 1
        }
        return false
    }

    // MARK: Token formats

    /// A token format of a well-known service, by its documented prefix and length.
    private struct TokenFormat {
        var prefix: String
        /// The least number of characters after the prefix.
        var minimumRest: Int
        /// Characters allowed after the prefix besides ASCII letters and digits.
        var extra: Set<UInt8>
        /// Exactly this many characters after the prefix, when the format fixes it.
        var exactRest: Int?
        var name: String
    }

    private static let tokenFormats: [TokenFormat] = [
        TokenFormat(prefix: "ghp_", minimumRest: 36, extra: [], exactRest: 36, name: "a GitHub token"),
        TokenFormat(prefix: "gho_", minimumRest: 36, extra: [], exactRest: 36, name: "a GitHub token"),
        TokenFormat(prefix: "ghs_", minimumRest: 36, extra: [], exactRest: 36, name: "a GitHub token"),
        TokenFormat(prefix: "ghu_", minimumRest: 36, extra: [], exactRest: 36, name: "a GitHub token"),
        TokenFormat(prefix: "ghr_", minimumRest: 36, extra: [], exactRest: 36, name: "a GitHub token"),
        TokenFormat(prefix: "github_pat_", minimumRest: 40, extra: Set("_".utf8), name: "a GitHub token"),
        TokenFormat(prefix: "glpat-", minimumRest: 20, extra: Set("_-".utf8), name: "a GitLab token"),
        TokenFormat(prefix: "xoxb-", minimumRest: 10, extra: Set("-".utf8), name: "a Slack token"),
        TokenFormat(prefix: "xoxa-", minimumRest: 10, extra: Set("-".utf8), name: "a Slack token"),
        TokenFormat(prefix: "xoxp-", minimumRest: 10, extra: Set("-".utf8), name: "a Slack token"),
        TokenFormat(prefix: "xoxr-", minimumRest: 10, extra: Set("-".utf8), name: "a Slack token"),
        TokenFormat(prefix: "xoxs-", minimumRest: 10, extra: Set("-".utf8), name: "a Slack token"),
        TokenFormat(prefix: "sk_live_", minimumRest: 16, extra: [], name: "a Stripe live secret key"),
        TokenFormat(prefix: "rk_live_", minimumRest: 16, extra: [], name: "a Stripe live secret key"),
        TokenFormat(prefix: "sk_test_", minimumRest: 16, extra: [], name: "a Stripe test secret key"),
        TokenFormat(prefix: "rk_test_", minimumRest: 16, extra: [], name: "a Stripe test secret key"),
        TokenFormat(prefix: "AIza", minimumRest: 35, extra: Set("_-".utf8), exactRest: 35, name: "a Google API key"),
        TokenFormat(prefix: "AKIA", minimumRest: 16, extra: [], exactRest: 16, name: "an AWS access key ID"),
        TokenFormat(prefix: "ASIA", minimumRest: 16, extra: [], exactRest: 16, name: "an AWS access key ID"),
    ]

    /// The name of the token format `word` has, or nil.
    private static func tokenFormat(_ word: ArraySlice<UInt8>) -> String? {
        guard word.count >= 15 else { return nil }
        for format in tokenFormats {
            let prefix = Array(format.prefix.utf8)
            guard word.starts(with: prefix) else { continue }
            let rest = word.dropFirst(prefix.count)
            guard rest.count >= format.minimumRest, format.exactRest.map({ rest.count == $0 }) ?? true,
                rest.allSatisfy({ isAlphanumeric($0) || format.extra.contains($0) })
            else { continue }
            if format.prefix.hasPrefix("AKIA") || format.prefix.hasPrefix("ASIA") {
                // Key IDs are upper case letters and digits only.
                guard rest.allSatisfy({ isUpper($0) || isDigit($0) }) else { continue }
            }
            return format.name
        }
        if isJWT(word) { return "a JSON Web Token" }
        return nil
    }

    /// `eyJ….eyJ….signature`: a signed JSON Web Token (header and payload are base64url JSON objects).
    private static func isJWT(_ word: ArraySlice<UInt8>) -> Bool {
        let parts = word.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].starts(with: Array("eyJ".utf8)), parts[1].starts(with: Array("eyJ".utf8)),
            parts[0].count >= 10, parts[1].count >= 10, parts[2].count >= 16
        else { return false }
        return parts.allSatisfy { part in part.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") } }
    }

    // MARK: Random strings

    /// The description of a long random string (`a generated secret (40 random characters)`), or nil.
    private static func randomShape(_ word: ArraySlice<UInt8>) -> String? {
        guard word.count >= minimumRandomLength, word.count <= maximumRandomLength,
            word.allSatisfy(isBase64Character)
        else { return nil }
        // Hexadecimal strings are checksums, digests, commits and UUIDs far more often than secrets.
        if word.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: "-") }) { return nil }
        // The base64 body of an SSH public key.
        if word.starts(with: Array("AAAA".utf8)) { return nil }
        var upper = 0
        var lower = 0
        var digits = 0
        var changes = 0
        var previousClass = -1
        // Characters in runs of three or more lower-case letters: the words of an identifier.
        var wordLetters = 0
        var lowerRun = 0
        for byte in word {
            let characterClass = isUpper(byte) ? 0 : isDigit(byte) ? 1 : isLower(byte) ? 2 : 3
            switch characterClass {
            case 0: upper += 1
            case 1: digits += 1
            case 2: lower += 1
            default: break
            }
            if previousClass >= 0, characterClass != previousClass { changes += 1 }
            previousClass = characterClass
            if characterClass == 2 {
                lowerRun += 1
                if lowerRun == 3 { wordLetters += 3 } else if lowerRun > 3 { wordLetters += 1 }
            } else {
                lowerRun = 0
            }
        }
        // Generated secrets mix upper case, lower case and digits throughout; identifiers, words and
        // phrases change class rarely and are made of runs of lower-case letters.
        let count = Double(word.count)
        guard upper >= 2, lower >= 2, digits >= 2, Double(changes) >= 0.35 * (count - 1),
            Double(wordLetters) <= 0.3 * count
        else { return nil }
        guard entropy(word) >= minimumEntropy else { return nil }
        if decodesToText(word) { return nil }
        return "a generated secret (\(word.count) random characters)"
    }

    /// Shannon entropy of `bytes` in bits per byte.
    static func entropy(_ bytes: ArraySlice<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var bits = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            bits -= p * log2(p)
        }
        return bits
    }

    /// True when `word` is base64 of readable text (a configuration value encoded for transport);
    /// base64 of a private key counts as a secret, not as text.
    private static func decodesToText(_ word: ArraySlice<UInt8>) -> Bool {
        guard let decoded = base64Decoded(word), decoded.count >= 8 else { return false }
        let printable = decoded.filter { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }.count
        return printable == decoded.count
    }

    /// Standard or URL-safe base64, padded or not; nil when `word` is not base64.
    static func base64Decoded(_ word: ArraySlice<UInt8>) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(word.count)
        for byte in word {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "/"), UInt8(ascii: "_"): values.append(63)
            case UInt8(ascii: "="): continue
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for value in values {
            buffer = (buffer << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return output
    }

    // MARK: Bytes

    /// The words of `bytes`: runs between blanks, quotes, commas, semicolons and `=`.
    private static func words(of bytes: ArraySlice<UInt8>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        for index in bytes.indices {
            let byte = bytes[index]
            let separates =
                byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
                || (byte == UInt8(ascii: "=") && !isPadding(bytes, at: index))
            if separates {
                if let begun = start { words.append(begun..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let start { words.append(start..<bytes.endIndex) }
        return words
    }

    /// True when the `=` at `index` ends a base64 word (padding), rather than separating a name from a value.
    private static func isPadding(_ bytes: ArraySlice<UInt8>, at index: Int) -> Bool {
        var next = index
        while next < bytes.endIndex, bytes[next] == UInt8(ascii: "=") { next += 1 }
        return next == bytes.endIndex || !isBase64Character(bytes[next]) || bytes[next] == UInt8(ascii: "=")
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
    private static func isLower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) || isDigit(byte) }
    private static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }
    private static func isBase64Character(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "=")
    }
}
