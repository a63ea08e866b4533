import Testing

@testable import BattenYAML

@Suite("Duplicate keys")
struct DuplicateKeyTests {
    @Test func blockMapping() throws {
        let error = try parseError("image: a\nuser: root\nimage: b\n", path: "compose.yaml")
        #expect(error.kind == .duplicateKey)
        #expect(error.path == "compose.yaml")
        #expect(error.position == SourcePosition(offset: 20, line: 3, column: 1))
        #expect(error.message == "duplicate key \"image\" in a mapping (first defined at line 1, column 1)")
        #expect(error.description == "compose.yaml:3:1: error: duplicate key \"image\" in a mapping (first defined at line 1, column 1)")
    }

    @Test func flowMapping() throws {
        let error = try parseError("x: {a: 1, b: 2, a: 3}")
        #expect(error.kind == .duplicateKey)
        #expect(error.position == SourcePosition(offset: 16, line: 1, column: 17))
        #expect(error.message == "duplicate key \"a\" in a mapping (first defined at line 1, column 5)")
    }

    @Test func nestedMappingAfterMultiByteText() throws {
        let error = try parseError("日本:\n  é: 1\n  ü: 2\n  é: 3\n")
        #expect(error.kind == .duplicateKey)
        #expect(error.position == SourcePosition(offset: 26, line: 4, column: 3))
        #expect(error.message == "duplicate key \"é\" in a mapping (first defined at line 2, column 3)")
    }

    @Test func quotedAndPlainSpellingsOfTheSameKey() throws {
        let error = try parseError("a: 1\n\"a\": 2\n")
        #expect(error.kind == .duplicateKey)
        #expect(error.position == SourcePosition(offset: 5, line: 2, column: 1))
    }

    @Test func firstDuplicateInDocumentOrderIsReported() throws {
        let error = try parseError("a: 1\nb: 2\nb: 3\na: 4\n")
        #expect(error.position.line == 3)
        #expect(error.message.contains("\"b\""))
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        let document = try parseSingleDocument("a: {x: 1}\nb: {x: 2}\nc:\n  - x: 3\n  - x: 4\n")
        #expect(document.scalar(try document.node(at: "c/1/x")) == "4")
    }

    @Test func mergedKeysAreNotDuplicates() throws {
        let document = try parseSingleDocument("a: &a {x: 1}\nb:\n  <<: *a\n  x: 2\n")
        #expect(document.scalar(try document.node(at: "b/x")) == "2")
    }
}
