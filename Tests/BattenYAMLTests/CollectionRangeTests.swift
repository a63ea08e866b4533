import Testing

@testable import BattenYAML

@Suite("Collection and scalar ranges")
struct CollectionRangeTests {
    @Test func flowCollectionsEndAtTheirClosingBracket() throws {
        let document = try parseSingleDocument("a: {b: [1, 2], c: {}}   # comment\nd: []\n")
        let outer = try document.node(at: "a")
        #expect(document.kind(outer) == .mapping)
        #expect(document.style(outer) == .flow)
        #expect(document.slicedText(outer) == "{b: [1, 2], c: {}}")
        let inner = try document.node(at: "a/b")
        #expect(document.kind(inner) == .sequence)
        #expect(document.style(inner) == .flow)
        #expect(document.slicedText(inner) == "[1, 2]")
        #expect(document.slicedText(try document.node(at: "a/c")) == "{}")
        let empty = try document.node(at: "d")
        #expect(document.slicedText(empty) == "[]")
        #expect(document.children(empty).isEmpty)
    }

    @Test func flowCollectionAcrossLines() throws {
        let document = try parseSingleDocument("a: [\n  1,\n  2,\n]\nb: 3\n")
        let sequence = try document.node(at: "a")
        #expect(document.slicedText(sequence) == "[\n  1,\n  2,\n]")
        #expect(document.startPosition(sequence) == SourcePosition(offset: 3, line: 1, column: 4))
        #expect(document.endPosition(sequence) == SourcePosition(offset: 16, line: 4, column: 2))
        #expect(document.children(sequence).count == 2)
    }

    @Test func singlePairInsideAFlowSequenceIsAMapping() throws {
        let document = try parseSingleDocument("[a: 1, b]")
        let pair = try document.node(at: "0")
        #expect(document.kind(pair) == .mapping)
        #expect(document.slicedText(pair) == "a: 1")
        #expect(document.slicedText(try document.node(at: "1")) == "b")
    }

    @Test func blockMappingEndsAtTheEndOfItsLastChild() throws {
        let document = try parseSingleDocument("a: 1\nb:\n  c: 2   # trailing\n\n# after\n")
        let root = try #require(document.root)
        #expect(document.style(root) == .block)
        #expect(document.slicedText(root) == "a: 1\nb:\n  c: 2")
        let nested = try document.node(at: "b")
        #expect(document.slicedText(nested) == "c: 2")
        #expect(document.startPosition(nested) == SourcePosition(offset: 10, line: 3, column: 3))
        #expect(document.endPosition(nested) == SourcePosition(offset: 14, line: 3, column: 7))
    }

    @Test func blockSequenceEndsAtTheEndOfItsLastItem() throws {
        let document = try parseSingleDocument("- a\n- [b, c]\n- d: 1\n  e: 2\n\n")
        let root = try #require(document.root)
        #expect(document.kind(root) == .sequence)
        #expect(document.style(root) == .block)
        #expect(document.slicedText(root) == "- a\n- [b, c]\n- d: 1\n  e: 2")
        let mapping = try document.node(at: "2")
        #expect(document.slicedText(mapping) == "d: 1\n  e: 2")
        #expect(document.startPosition(mapping) == SourcePosition(offset: 15, line: 3, column: 3))
    }

    @Test func indentlessSequenceUnderAKey() throws {
        let document = try parseSingleDocument("items:\n- a\n- b\nnext: 1\n")
        let sequence = try document.node(at: "items")
        #expect(document.kind(sequence) == .sequence)
        #expect(document.slicedText(sequence) == "- a\n- b")
        #expect(document.startPosition(sequence) == SourcePosition(offset: 7, line: 2, column: 1))
        #expect(document.endPosition(sequence) == SourcePosition(offset: 14, line: 3, column: 4))
        #expect(document.children(sequence).map { document.scalar($0) } == ["a", "b"])
        #expect(document.scalar(try document.node(at: "next")) == "1")
    }

    @Test func indentedSequenceUnderAKey() throws {
        let document = try parseSingleDocument("items:\n  - a\n  - b\nnext: 1\n")
        let sequence = try document.node(at: "items")
        #expect(document.slicedText(sequence) == "- a\n  - b")
        #expect(document.startPosition(sequence) == SourcePosition(offset: 9, line: 2, column: 3))
        #expect(document.endPosition(sequence) == SourcePosition(offset: 18, line: 3, column: 6))
        #expect(document.children(sequence).map { document.scalar($0) } == ["a", "b"])
    }

    @Test func emptyValueIsAZeroWidthNullRightAfterTheColon() throws {
        let document = try parseSingleDocument("a:\nb: 1\nc:   # nothing\nd:")
        for (key, offset, line) in [("a", 2, 1), ("c", 10, 3), ("d", 25, 4)] {
            let value = try document.node(at: key)
            #expect(document.kind(value) == .scalar)
            #expect(document.scalar(value) == "")
            #expect(document.isNull(value))
            #expect(document.range(value) == offset..<offset)
            #expect(document.startPosition(value) == SourcePosition(offset: offset, line: line, column: 3))
        }
    }

    @Test func emptyValueInAFlowMappingIsRightAfterTheColon() throws {
        let document = try parseSingleDocument("{a:   , b: 1, c: }")
        let root = try #require(document.root)
        let values = document.pairs(root).map(\.value)
        try #require(values.count == 3)
        #expect(document.range(values[0]) == 3..<3)
        #expect(document.range(values[2]) == 16..<16)
        #expect(document.isNull(values[0]))
        #expect(document.slicedText(root) == "{a:   , b: 1, c: }")
    }

    @Test func keyWithoutColonInAFlowMappingHasANullRightAfterIt() throws {
        let document = try parseSingleDocument("{a, b}")
        let root = try #require(document.root)
        #expect(document.pairs(root).map { document.range($0.value) } == [2..<2, 5..<5])
    }

    @Test func singlePairInAFlowSequenceEndsWithItsValue() throws {
        let document = try parseSingleDocument("[a: 1  , &k b : !t {c: d} , e: ]")
        #expect(document.slicedText(try document.node(at: "0")) == "a: 1")
        let tagged = try document.node(at: "1")
        #expect(document.slicedText(tagged) == "&k b : !t {c: d}")
        #expect(document.slicedText(try document.node(at: "1/b")) == "!t {c: d}")
        let empty = try document.node(at: "2")
        #expect(document.slicedText(empty) == "e:")
        #expect(document.range(try document.node(at: "2/e")) == 30..<30)
    }

    @Test func emptySequenceItemIsAZeroWidthNullRightAfterTheDash() throws {
        let document = try parseSingleDocument("-\n- x\n-\n")
        let root = try #require(document.root)
        let items = Array(document.children(root))
        try #require(items.count == 3)
        #expect(document.range(items[0]) == 1..<1)
        #expect(document.range(items[2]) == 7..<7)
        #expect(document.isNull(items[2]))
        #expect(document.slicedText(root) == "-\n- x\n-")
    }

    @Test func literalBlockScalar() throws {
        let document = try parseSingleDocument("run: |\n  echo a\n\n  echo b\nnext: 1\n")
        let scalar = try document.node(at: "run")
        #expect(document.style(scalar) == .literal)
        #expect(document.style(scalar).isBlockScalar)
        #expect(document.scalar(scalar) == "echo a\n\necho b\n")
        #expect(document.slicedText(scalar) == "|\n  echo a\n\n  echo b")
        #expect(document.endPosition(scalar) == SourcePosition(offset: 25, line: 4, column: 9))
    }

    @Test func foldedBlockScalarAsTheLastNodeOfANestedMapping() throws {
        let document = try parseSingleDocument("a:\n  b: >-\n    one\n    two\n\n\nc: 1\n")
        let scalar = try document.node(at: "a/b")
        #expect(document.style(scalar) == .folded)
        #expect(document.scalar(scalar) == "one two")
        #expect(document.slicedText(scalar) == ">-\n    one\n    two")
        let mapping = try document.node(at: "a")
        #expect(document.slicedText(mapping) == "b: >-\n    one\n    two")
        #expect(document.endPosition(mapping) == SourcePosition(offset: 26, line: 4, column: 8))
    }

    @Test func keepChompingKeepsTrailingLinesInTheValueOnly() throws {
        let document = try parseSingleDocument("a: |+\n  x\n\n\nb: 1\n")
        let scalar = try document.node(at: "a")
        #expect(document.scalar(scalar) == "x\n\n\n")
        #expect(document.slicedText(scalar) == "|+\n  x")
    }

    @Test func blockScalarWithHeaderCommentAndNoContent() throws {
        let document = try parseSingleDocument("a: | # empty\nb: 1\n")
        let scalar = try document.node(at: "a")
        #expect(document.scalar(scalar) == "")
        #expect(document.slicedText(scalar) == "| # empty")
    }

    @Test(arguments: [
        ("a: plain text", NodeStyle.plain, "plain text", "plain text"),
        ("a: 'it''s'", .singleQuoted, "'it''s'", "it's"),
        ("a: \"tab\\there \\u00e9\"", .doubleQuoted, "\"tab\\there \\u00e9\"", "tab\there é"),
        ("a: \"two\n  lines\"", .doubleQuoted, "\"two\n  lines\"", "two lines"),
        ("a: 'one\n\n  para'", .singleQuoted, "'one\n\n  para'", "one\npara"),
        ("a: multi\n  line plain", .plain, "multi\n  line plain", "multi line plain"),
        ("a: ''", .singleQuoted, "''", ""),
        ("a: \"\"", .doubleQuoted, "\"\"", ""),
    ])
    func scalarStyles(text: String, style: NodeStyle, written: String, value: String) throws {
        let document = try parseSingleDocument(text + "\nz: 0\n")
        let scalar = try document.node(at: "a")
        #expect(document.style(scalar) == style)
        #expect(document.style(scalar).isQuoted == (style == .singleQuoted || style == .doubleQuoted))
        #expect(document.slicedText(scalar) == written)
        #expect(document.scalar(scalar) == value)
    }

    @Test func anchorAndTagAreIncludedInTheRange() throws {
        let document = try parseSingleDocument("a: &x !t v\nb: !!map\n  c: 1\nd: &s\n  - 1\n")
        #expect(document.slicedText(try document.node(at: "a")) == "&x !t v")
        #expect(document.slicedText(try document.node(at: "b")) == "!!map\n  c: 1")
        #expect(document.slicedText(try document.node(at: "d")) == "&s\n  - 1")
    }

    @Test func parentsAndChildren() throws {
        let document = try parseSingleDocument("a:\n  - x\n  - {y: z}\n")
        let root = try #require(document.root)
        #expect(document.parent(root) == nil)
        let sequence = try document.node(at: "a")
        #expect(document.parent(sequence) == root)
        let pair = try document.node(at: "a/1")
        #expect(document.parent(pair) == sequence)
        let pairs = document.pairs(pair)
        try #require(pairs.count == 1)
        #expect(document.scalar(pairs[0].key) == "y")
        #expect(document.scalar(pairs[0].value) == "z")
        #expect(document.children(root).count == 2)
        #expect(document.nodeCount == 7)
        #expect(document.allNodes == (0..<7).map(NodeID.init))
        #expect(document.children(try document.node(at: "a/0")).isEmpty)
    }
}
