/// Secret values on one line of text, for lines Batten has no nodes for: a line of a file that did
/// not parse, or a line a fix has just written. Finds what ``SecretScan`` finds on nodes as far as
/// one line shows it: the value of a secret-named key (`PASSWORD: …`, `"token":"…"`, `KEY=…`), the
/// `value` of an entry whose `name` is secret on the same line, the content of a `stringData` (or
/// a Secret's `data`) flow mapping, secret flags and URL passwords.
enum SecretLineScan {
    /// The byte ranges (offsets into `line`'s UTF-8) to mask.
    static func ranges(in line: String, patterns: SecretNameMatcher) -> [Range<Int>] {
        let bytes = Array(line.utf8)
        var ranges = SecretArguments.valueRanges(in: bytes[...], patterns: patterns)
        let isSecretObject = line.contains("Secret")
        var secretName = false
        var valueRange: Range<Int>?
        // The flow mappings of a Secret's values: every value inside one is masked.
        var secretData: [Range<Int>] = []
        for pair in keyValues(in: bytes) {
            let key = String(decoding: bytes[pair.key], as: UTF8.self)
            let value = pair.value
            if bytes[value].first == UInt8(ascii: "{") {
                if key == "stringData" || (key == "data" && isSecretObject) {
                    secretData.append(value.lowerBound..<closingBrace(in: bytes, from: value.lowerBound))
                }
                continue
            }
            let text = unquoted(String(decoding: bytes[value], as: UTF8.self))
            if secretData.contains(where: { $0.contains(value.lowerBound) }) {
                ranges.append(value)
            } else if key == "name" {
                secretName = patterns.matches(text)
            } else if key == "value" {
                valueRange = value
            } else if patterns.matches(key), SecretArguments.isMaskable(text) {
                ranges.append(value)
            }
        }
        if secretName, let valueRange { ranges.append(valueRange) }
        return ranges
    }

    /// The keys and values of `key: value`, `"key":"value"` and `key=value` on a line: a key is the
    /// word (quoted or not) before the separator, a value runs to its closing quote, or to the next
    /// `,`, `}` or `]` outside a `${…}`, or a comment, or the end of the line.
    static func keyValues(in bytes: [UInt8]) -> [(key: Range<Int>, value: Range<Int>)] {
        var pairs: [(key: Range<Int>, value: Range<Int>)] = []
        let quotes: Set<UInt8> = [UInt8(ascii: "\""), UInt8(ascii: "'")]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isColon =
                byte == UInt8(ascii: ":")
                && (index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: " ") || bytes[index + 1] == UInt8(ascii: "\t")
                    || (index > 0 && quotes.contains(bytes[index - 1])))
            guard isColon || byte == UInt8(ascii: "=") else {
                index += 1
                continue
            }
            var keyEnd = index
            var keyStart = index
            if keyEnd > 0, quotes.contains(bytes[keyEnd - 1]) {
                let quote = bytes[keyEnd - 1]
                keyEnd -= 1
                keyStart = keyEnd
                while keyStart > 0, bytes[keyStart - 1] != quote { keyStart -= 1 }
            } else {
                while keyStart > 0, isNameByte(bytes[keyStart - 1]) { keyStart -= 1 }
            }
            var valueStart = index + 1
            while valueStart < bytes.count, bytes[valueStart] == UInt8(ascii: " ") || bytes[valueStart] == UInt8(ascii: "\t") {
                valueStart += 1
            }
            guard keyStart < keyEnd, valueStart < bytes.count else {
                index += 1
                continue
            }
            var valueEnd = valueStart
            if quotes.contains(bytes[valueStart]) {
                valueEnd = valueStart + 1
                while valueEnd < bytes.count, bytes[valueEnd] != bytes[valueStart] { valueEnd += 1 }
                valueEnd = min(bytes.count, valueEnd + 1)
            } else if bytes[valueStart] == UInt8(ascii: "{") {
                valueEnd = valueStart + 1
            } else {
                var depth = 0
                while valueEnd < bytes.count {
                    let byte = bytes[valueEnd]
                    if byte == UInt8(ascii: "{"), valueEnd > 0, bytes[valueEnd - 1] == UInt8(ascii: "$") || depth > 0 { depth += 1 }
                    if depth == 0, [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(byte) { break }
                    // A comment ends a plain value.
                    if byte == UInt8(ascii: "#"), bytes[valueEnd - 1] == UInt8(ascii: " ") || bytes[valueEnd - 1] == UInt8(ascii: "\t") { break }
                    if byte == UInt8(ascii: "}") { depth -= 1 }
                    valueEnd += 1
                }
                while valueEnd > valueStart, bytes[valueEnd - 1] == UInt8(ascii: " ") { valueEnd -= 1 }
            }
            pairs.append((keyStart..<keyEnd, valueStart..<valueEnd))
            index = bytes[valueStart] == UInt8(ascii: "{") ? valueStart + 1 : max(valueEnd, index + 1)
        }
        return pairs
    }

    /// A byte of an unquoted key.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
    }

    /// The offset of the `}` that closes the `{` at `start`, or the end of the line.
    private static func closingBrace(in bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        for index in start..<bytes.count {
            if bytes[index] == UInt8(ascii: "{") { depth += 1 }
            if bytes[index] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return bytes.count
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast())
    }
}
