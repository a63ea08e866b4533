@testable import Batten
import Testing

/// Byte-level fast paths must answer exactly what the general code answers.
@Suite("Fast path equivalence")
struct FastPathEquivalenceTests {
    @Test("ASCII word splitting equals Character word splitting")
    func secretNameWords() {
        let alphabet = Array("aZ_-. 09xYqQ\tk\u{1}AB")
        var state: UInt64 = 7
        for length in 0..<400 {
            var name = ""
            for _ in 0..<(length % 24) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                name.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            #expect(SecretHeuristics.asciiWords(of: name) == SecretHeuristics.characterWords(of: name), "\(name)")
        }
        for name in ["APIKey", "dbPassword", "DB_PASSWORD", "X509Cert", "aB1cD", "HTTPServer2FA", "a\r\nB"] {
            #expect(SecretHeuristics.words(of: name) == SecretHeuristics.characterWords(of: name))
        }
    }

    @Test("Secret name matching on bytes equals matching the Character words")
    func secretNameMatching() {
        let pieces = ["PASS", "word", "_", "Token", "KEY", "api", "FILE", "Auth", "é", "\r\n", "db", "Secret", "PWD",
                      "private", "-", ".", "Key", "LICENSE", "code", "X", "2", " ", "OLD", "ttl"]
        let matchers = [
            SecretNameMatcher.defaults, SecretNameMatcher(patterns: ["LICENSE_CODE", "privateKey", "pass", "TOKEN"]),
        ]
        var state: UInt64 = 5
        for length in 0..<1500 {
            var name = ""
            for _ in 0..<(length % 7) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                name += pieces[Int(state >> 33) % pieces.count]
            }
            for matcher in matchers {
                let words = SecretHeuristics.characterWords(of: name).map { Array($0.utf8)[...] }
                #expect(matcher.matches(name) == matcher.matches(words: words), "\(name.debugDescription)")
            }
        }
    }

    @Test("JSON string escaping on bytes equals escaping scalar by scalar")
    func jsonStringEscaping() {
        let pieces = ["a", "\"", "\\", "\n", "\r\n", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "é", "\u{2028}",
                      "\u{2029}", "\u{2027}", "\u{202A}", "€", "→", "😀", "/", " "]
        var state: UInt64 = 11
        for length in 0..<300 {
            var text = ""
            for _ in 0..<(length % 17) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(JSONValue.string(text).render(pretty: false) == Self.referenceEscaped(text), "\(text.debugDescription)")
        }
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
