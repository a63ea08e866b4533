import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Every fixer fixture: the exact bytes expected, comments and untouched lines kept, idempotent.
struct FixFixtureTests {
    @Test func thereAreEnoughFixtures() {
        #expect(FixFixture.all.count >= 25)
    }

    @Test(arguments: FixFixture.all)
    func fixture(_ fixture: FixFixture) throws {
        let source = try #require(fixture.source, "no input.yaml")
        let outcome = try fixture.apply(to: source)
        if let refusal = fixture.bytes("refused.txt") {
            let phrase = String(decoding: refusal, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard case .failure(let reason) = outcome else {
                Issue.record("expected a refusal containing “\(phrase)”")
                return
            }
            #expect(reason.reason.contains(phrase), "refused for another reason: \(reason.reason)")
            return
        }
        let patch = try outcome.get()
        let expected = try #require(fixture.bytes("expected.yaml"), "no expected.yaml")
        #expect(patch.patched == expected, "\n\(String(decoding: patch.patched, as: UTF8.self))")

        // Every comment of the input is still there, in order, but those on removed lines
        // (listed in removed-comments.txt).
        let removed = fixture.bytes("removed-comments.txt").map { Self.commentLines($0) } ?? []
        let comments = Self.commentLines(source.bytes).filter { !removed.contains($0) }
        let remaining = Self.commentLines(patch.patched)
        #expect(Self.isSubsequence(comments, of: remaining), "a comment was lost")

        // Only the byte-order mark and line-break style of the input are used.
        #expect(patch.patched.starts(with: [0xEF, 0xBB, 0xBF]) == source.bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        if source.lineBreak == "\r\n" {
            #expect(!Self.hasBareLineFeed(patch.patched), "a bare LF in a CRLF file")
        }

        // Fixing the fixed file changes nothing.
        let again = try fixture.apply(to: SourceFile(path: source.path, bytes: patch.patched)).get()
        #expect(again.patched == patch.patched, "not idempotent")
    }

    static func commentLines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
            guard let hash = line.firstIndex(of: "#") else { return nil }
            return String(line[hash...]).trimmingCharacters(in: .whitespaces)
        }
    }

    static func isSubsequence(_ needles: [String], of haystack: [String]) -> Bool {
        var index = haystack.startIndex
        for needle in needles {
            guard let found = haystack[index...].firstIndex(of: needle) else { return false }
            index = found + 1
        }
        return true
    }

    static func hasBareLineFeed(_ bytes: [UInt8]) -> Bool {
        bytes.indices.contains { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) }
    }
}
