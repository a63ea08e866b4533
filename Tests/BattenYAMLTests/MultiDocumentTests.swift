import Testing

@testable import BattenYAML

@Suite("Multi-document streams")
struct MultiDocumentTests {
    @Test func twoEmptyDocuments() throws {
        let stream = YAMLParser.parse("---\n---\n")
        #expect(stream.error == nil)
        try #require(stream.documents.count == 2)
        for (index, document) in stream.documents.enumerated() {
            #expect(document.index == index)
            #expect(document.hasExplicitStart)
            let root = try #require(document.root)
            #expect(document.kind(root) == .scalar)
            #expect(document.isNull(root))
            #expect(document.nodeCount == 1)
            // The null sits just past the document's own `---`.
            let markerEnd = index * 4 + 3
            #expect(document.range(root) == markerEnd..<markerEnd)
            #expect(document.startPosition(root) == SourcePosition(offset: markerEnd, line: index + 1, column: 4))
            #expect(document.range.contains(markerEnd))
        }
        #expect(stream.documents[0].range == 0..<4)
        #expect(stream.documents[1].range == 4..<8)
    }

    @Test func emptyDocumentBetweenOthers() throws {
        let stream = YAMLParser.parse("a: 1\n---\n# nothing here\n---\nb: 2\n")
        #expect(stream.error == nil)
        try #require(stream.documents.count == 3)
        #expect(!stream.documents[0].hasExplicitStart)
        #expect(stream.documents[1].hasExplicitStart)
        #expect(stream.documents[2].hasExplicitStart)
        let empty = stream.documents[1]
        let root = try #require(empty.root)
        #expect(empty.isNull(root))
        #expect(empty.startPosition(root) == SourcePosition(offset: 8, line: 2, column: 4))
        let last = stream.documents[2]
        #expect(last.scalar(try last.node(at: "b")) == "2")
        #expect(last.startPosition(try last.node(at: "b")) == SourcePosition(offset: 31, line: 5, column: 4))
    }

    @Test func explicitDocumentEndMarker() throws {
        let stream = YAMLParser.parse("a: 1\n...\n---\nb: 2\n")
        #expect(stream.error == nil)
        try #require(stream.documents.count == 2)
        #expect(stream.documents[0].range == 0..<8)
        #expect(SourceFile(path: "", text: "a: 1\n...\n").text(stream.documents[0].range) == "a: 1\n...")
        #expect(stream.documents[1].index == 1)
    }

    @Test func fileOfOnlyCommentsHasNoDocuments() {
        let stream = YAMLParser.parse("# just a comment\n\n   # another\n")
        #expect(stream.error == nil)
        #expect(stream.documents.isEmpty)
    }

    @Test(arguments: ["", "\n\n", "   ", "\u{FEFF}"])
    func emptyFileHasNoDocuments(text: String) {
        let stream = YAMLParser.parse(text)
        #expect(stream.error == nil)
        #expect(stream.documents.isEmpty)
    }

    @Test func emptyFileOfBytesHasNoDocuments() {
        for bytes: [UInt8] in [[], [0xEF, 0xBB, 0xBF]] {
            let stream = YAMLParser.parse(SourceFile(path: "empty.yaml", bytes: bytes))
            #expect(stream.error == nil)
            #expect(stream.documents.isEmpty)
        }
    }

    @Test func forEachDocumentDeliversDocumentsBeforeAnError() {
        var seen: [Int] = []
        let error = YAMLParser.forEachDocument(SourceFile(path: "s.yaml", text: "a: 1\n---\nb: 2\n---\nc: [\n")) {
            seen.append($0.index)
        }
        #expect(seen == [0, 1])
        #expect(error?.kind == .syntax)
        #expect(error?.position.line == 6)
    }

    @Test func streamKeepsCompleteDocumentsBeforeAnError() throws {
        let stream = YAMLParser.parse("a: 1\n---\nb: *missing\n")
        try #require(stream.documents.count == 1)
        #expect(stream.documents[0].scalar(try stream.documents[0].node(at: "a")) == "1")
        #expect(stream.error?.kind == .undefinedAlias)
    }

    @Test func anchorsDoNotCrossDocuments() throws {
        let error = try parseError("a: &x 1\n---\nb: *x\n")
        #expect(error.kind == .undefinedAlias)
        #expect(error.position == SourcePosition(offset: 15, line: 3, column: 4))
    }

    @Test func eachDocumentHasItsOwnArena() throws {
        let stream = YAMLParser.parse("- a\n- b\n---\nc\n")
        try #require(stream.documents.count == 2)
        #expect(stream.documents[0].nodeCount == 3)
        #expect(stream.documents[1].nodeCount == 1)
        let root = try #require(stream.documents[1].root)
        #expect(stream.documents[1].scalar(root) == "c")
        #expect(stream.documents[1].range(root) == 12..<13)
    }
}
