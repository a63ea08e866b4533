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
}
