@testable import Batten
import Testing

/// Splitting and searching on ASCII bytes answers what the Character-level calls answer wherever
/// no combining mark follows a separator, and splits where Go splits when one does.
@Suite("ASCII search")
struct ASCIISearchTests {
    /// Pieces with separators, dots, non-ASCII letters and a combining mark that never directly
    /// follows a separator (it follows `e`).
    static let pieces = ["/", ":", "=", "-", ".", "..", "a", "bc", "é", "e\u{301}", "€", "😀", "@", " ", "\r\n", "x9"]
    static let strings = GeneratedStrings.make(from: pieces, count: 2000, longest: 12, seed: 13)

    @Test func splitEqualsCharacterSplit() {
        for text in Self.strings {
            for separator: Unicode.Scalar in ["/", ":", "=", "-", "."] {
                for omitting in [true, false] {
                    let bytes = text.split(onASCII: separator, omittingEmptySubsequences: omitting)
                    let characters = text.split(separator: Character(separator), omittingEmptySubsequences: omitting)
                    #expect(bytes == characters, "\(text.debugDescription) on \(separator)")
                    let sliced = text[...].split(onASCII: separator, omittingEmptySubsequences: omitting)
                    #expect(sliced == characters, "\(text.debugDescription) on \(separator), as a substring")
                }
            }
        }
    }

    @Test func searchesEqualCharacterSearches() {
        for text in Self.strings {
            for character: Unicode.Scalar in ["/", ":", "=", "@"] {
                #expect(text.firstIndex(ofASCII: character) == text.firstIndex(of: Character(character)))
                #expect(text.lastIndex(ofASCII: character) == text.lastIndex(of: Character(character)))
                let cut = text.cut(atFirstASCII: character)
                if let index = text.firstIndex(of: Character(character)) {
                    #expect(cut?.before == text[..<index])
                    #expect(cut?.after == text[text.index(after: index)...])
                } else {
                    #expect(cut == nil)
                }
                let last = text.cut(atLastASCII: character)
                if let index = text.lastIndex(of: Character(character)) {
                    #expect(last?.before == text[..<index])
                    #expect(last?.after == text[text.index(after: index)...])
                } else {
                    #expect(last == nil)
                }
            }
            #expect(text.lastPathSegment == text.split(separator: "/").last.map(String.init) ?? text)
        }
    }

    /// Compose reads `KEY=\u{301}` as the key `KEY` and a value that starts with the mark: Go cuts
    /// at the byte. Character by character, `=` and the mark are one grapheme and nothing is cut.
    @Test func aSeparatorBeforeACombiningMarkStillSeparates() throws {
        let text = "KEY=\u{301}value"
        let cut = try #require(text.cut(atFirstASCII: "="))
        #expect(cut.before == "KEY")
        #expect(Array(cut.after.unicodeScalars) == Array("\u{301}value".unicodeScalars))
        #expect(text.split(onASCII: "=").count == 2)
    }

    @Test func cleanPathsComeBackAsTheyAre() {
        let pieces = ["/", "a", ".", "..", "b.c", "...", "é", "/", "x"]
        for path in GeneratedStrings.make(from: pieces, count: 3000, longest: 9, seed: 17) {
            #expect(ComposePaths.clean(path) == Self.referenceClean(path), "\(path.debugDescription)")
        }
    }

    /// Go's `filepath.Clean` as the loader wrote it first, Character by Character.
    static func referenceClean(_ path: String) -> String {
        guard !path.isEmpty else { return "." }
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
