import Testing

@testable import Batten

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

    /// Each cut with the Character search that finds where it cuts.
    static let cuts:
        [(
            cut: @Sendable (String, Unicode.Scalar) -> (before: Substring, after: Substring)?,
            index: @Sendable (String, Character) -> String.Index?
        )] = [
            ({ $0.cut(atFirstASCII: $1) }, { $0.firstIndex(of: $1) }),
            ({ $0.cut(atLastASCII: $1) }, { $0.lastIndex(of: $1) }),
        ]

    @Test func searchesEqualCharacterSearches() {
        for text in Self.strings {
            for character: Unicode.Scalar in ["/", ":", "=", "@"] {
                #expect(text.firstIndex(ofASCII: character) == text.firstIndex(of: Character(character)))
                #expect(text.lastIndex(ofASCII: character) == text.lastIndex(of: Character(character)))
                for (cut, index) in Self.cuts {
                    if let position = index(text, Character(character)) {
                        let pieces = cut(text, character)
                        #expect(pieces?.before == text[..<position])
                        #expect(pieces?.after == text[text.index(after: position)...])
                    } else {
                        #expect(cut(text, character) == nil)
                    }
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
            #expect(ComposePaths.clean(path) == ComposePaths.cleaned(path), "\(path.debugDescription)")
        }
        for (path, clean) in [("a//b/./c/..", "a/b"), ("/../a/", "/a"), ("./", "."), ("", "."), ("../../x", "../../x")] {
            #expect(ComposePaths.clean(path) == clean)
        }
    }
}
