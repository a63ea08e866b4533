import Testing

@testable import Batten

/// Byte-level fast paths must answer exactly what the general code answers.
@Suite("Fast path equivalence")
struct FastPathEquivalenceTests {
    @Test("ASCII word splitting equals Character word splitting")
    func secretNameWords() {
        let alphabet = "aZ_-. 09xYqQ\tk\u{1}AB".map(String.init)
        for name in GeneratedStrings.make(from: alphabet, count: 400, longest: 24, seed: 7) {
            #expect(SecretHeuristics.asciiWords(of: name) == SecretHeuristics.characterWords(of: name), "\(name)")
        }
        for name in ["APIKey", "dbPassword", "DB_PASSWORD", "X509Cert", "aB1cD", "HTTPServer2FA", "a\r\nB"] {
            #expect(SecretHeuristics.words(of: name) == SecretHeuristics.characterWords(of: name))
        }
    }

    @Test("Secret name matching on bytes equals matching the Character words")
    func secretNameMatching() {
        let pieces = [
            "PASS", "word", "_", "Token", "KEY", "api", "FILE", "Auth", "é", "\r\n", "db", "Secret", "PWD",
            "private", "-", ".", "Key", "LICENSE", "code", "X", "2", " ", "OLD", "ttl",
        ]
        let matchers = [
            SecretNameMatcher.defaults, SecretNameMatcher(patterns: ["LICENSE_CODE", "privateKey", "pass", "TOKEN"]),
        ]
        for name in GeneratedStrings.make(from: pieces, count: 1500, longest: 7, seed: 5) {
            for matcher in matchers {
                let words = SecretHeuristics.characterWords(of: name).map { Array($0.utf8)[...] }
                #expect(matcher.matches(name) == matcher.matches(words: words), "\(name.debugDescription)")
            }
        }
    }

    @Test("JSON string escaping on bytes equals escaping scalar by scalar")
    func jsonStringEscaping() {
        let pieces = [
            "a", "\"", "\\", "\n", "\r\n", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "é", "\u{2028}",
            "\u{2029}", "\u{2027}", "\u{202A}", "€", "→", "😀", "/", " ",
        ]
        for text in GeneratedStrings.make(from: pieces, count: 300, longest: 17, seed: 11) {
            #expect(JSONValue.string(text).render(pretty: false) == Self.referenceEscaped(text), "\(text.debugDescription)")
        }
    }

    @Test("JSON string escaping eight bytes at a time equals escaping scalar by scalar")
    func jsonStringEscapingOfLongRuns() {
        // Every ASCII byte at every position of a string longer than two words of eight bytes.
        for position in 0..<19 {
            for byte in 0..<128 {
                var text = Array("abcdefghijklmnopqrs".utf8)
                text[position] = UInt8(byte)
                let string = String(decoding: text, as: UTF8.self)
                #expect(JSONValue.string(string).render(pretty: false) == Self.referenceEscaped(string), "\(byte) at \(position)")
            }
        }
        let pieces = [
            "plain text", "ABCDEFGHIJKLMNOP", "0123456789", "~}|{`_^]", "!#$%&'()*+,-./", "\"", "\\", "\n", "\u{1F}",
            "\u{7F}", "é", "\u{2028}", "€→", "😀", " ",
        ]
        for text in GeneratedStrings.make(from: pieces, count: 400, longest: 12, seed: 13) {
            #expect(JSONValue.string(text).render(pretty: false) == Self.referenceEscaped(text), "\(text.debugDescription)")
        }
    }

    @Test("a run lookup answers what the lookup answers, asking it once per run of a key")
    func runLookup() {
        let keys = ["a.yaml", "a.yaml", "b.yaml", "b.yaml", "b.yaml", "a.yaml", "c.yaml", "c.yaml"]
        var lookup = RunLookup<String, Int>()
        var asked: [String] = []
        let values = keys.map { key in
            lookup.value(for: key) { key in
                asked.append(key)
                return key.utf8.count * 10 + asked.count
            }
        }
        #expect(asked == ["a.yaml", "b.yaml", "a.yaml", "c.yaml"])
        #expect(values == [61, 61, 62, 62, 62, 63, 64, 64])
    }

    /// JSON string escaping as it was written first: one Unicode scalar at a time.
    static func referenceEscaped(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
