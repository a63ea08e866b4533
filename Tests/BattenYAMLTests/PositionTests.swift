import Testing

@testable import BattenYAML

/// One document written four ways; every node must have the same line/column in each (shifted by
/// one line when a line is prepended) and a byte range that slices out exactly its text.
@Suite("Positions")
struct PositionTests {
    static let document = """
        name: web
        title: "é 日本 😀"
        after: [日本, 😀x, é]
        image: 'nginx:1.25'
        ports:
          - 80
          - "443"
        env: {A: 1, B: [x, y]}
        script: |
          echo 日本
          exit 0
        empty:
        tabbed: a\tb
        日本: é

        """

    enum Variant: String, CaseIterable, CustomTestStringConvertible {
        case plain
        case multiBytePrefixLine
        case crlf
        case byteOrderMark

        static let prefixLine = "# 日本語 é 😀 on an earlier line\n"

        var bytes: [UInt8] {
            switch self {
            case .plain: Array(PositionTests.document.utf8)
            case .multiBytePrefixLine: Array((Self.prefixLine + PositionTests.document).utf8)
            case .crlf: Array(PositionTests.document.replacing("\n", with: "\r\n").utf8)
            case .byteOrderMark: [0xEF, 0xBB, 0xBF] + Array(PositionTests.document.utf8)
            }
        }

        var lineShift: Int { self == .multiBytePrefixLine ? 1 : 0 }

        /// The node's text as it appears in this variant.
        func text(_ plainText: String) -> String {
            self == .crlf ? plainText.replacing("\n", with: "\r\n") : plainText
        }

        var testDescription: String { rawValue }
    }

    struct Expectation: Sendable, CustomTestStringConvertible {
        let path: String
        let text: String
        let start: (line: Int, column: Int)
        let end: (line: Int, column: Int)

        init(_ path: String, _ text: String, _ start: (Int, Int), _ end: (Int, Int)) {
            self.path = path
            self.text = text
            self.start = start
            self.end = end
        }

        var testDescription: String { path.isEmpty ? "root" : path }
    }

    static let expectations: [Expectation] = [
        Expectation("", String(document.dropLast()), (1, 1), (14, 6)),
        Expectation("@name", "name", (1, 1), (1, 5)),
        Expectation("name", "web", (1, 7), (1, 10)),
        Expectation("title", "\"é 日本 😀\"", (2, 8), (2, 16)),
        Expectation("after", "[日本, 😀x, é]", (3, 8), (3, 19)),
        Expectation("after/0", "日本", (3, 9), (3, 11)),
        Expectation("after/1", "😀x", (3, 13), (3, 15)),
        Expectation("after/2", "é", (3, 17), (3, 18)),
        Expectation("image", "'nginx:1.25'", (4, 8), (4, 20)),
        Expectation("ports", "- 80\n  - \"443\"", (6, 3), (7, 10)),
        Expectation("ports/0", "80", (6, 5), (6, 7)),
        Expectation("ports/1", "\"443\"", (7, 5), (7, 10)),
        Expectation("env", "{A: 1, B: [x, y]}", (8, 6), (8, 23)),
        Expectation("env/@B", "B", (8, 13), (8, 14)),
        Expectation("env/B", "[x, y]", (8, 16), (8, 22)),
        Expectation("env/B/1", "y", (8, 20), (8, 21)),
        Expectation("script", "|\n  echo 日本\n  exit 0", (9, 9), (11, 9)),
        Expectation("empty", "", (12, 7), (12, 7)),
        Expectation("tabbed", "a\tb", (13, 9), (13, 12)),
        Expectation("@日本", "日本", (14, 1), (14, 3)),
        Expectation("日本", "é", (14, 5), (14, 6)),
    ]

    @Test(arguments: Variant.allCases, expectations)
    func nodeRangeAndPosition(variant: Variant, expectation: Expectation) throws {
        let bytes = variant.bytes
        let document = try parseSingleDocument(bytes: bytes, path: "positions.yaml")
        let node = try document.node(at: expectation.path)

        #expect(document.slicedText(node) == variant.text(expectation.text))

        let startLine = expectation.start.line + variant.lineShift
        let endLine = expectation.end.line + variant.lineShift
        let start = document.startPosition(node)
        let end = document.endPosition(node)
        #expect(start.line == startLine)
        #expect(start.column == expectation.start.column)
        #expect(end.line == endLine)
        #expect(end.column == expectation.end.column)

        let range = document.range(node)
        #expect(range.lowerBound == independentByteOffset(in: bytes, line: startLine, column: expectation.start.column))
        #expect(range.upperBound == independentByteOffset(in: bytes, line: endLine, column: expectation.end.column))
        #expect(start.offset == range.lowerBound)
        #expect(end.offset == range.upperBound)
    }

    @Test(arguments: Variant.allCases)
    func scalarValuesDoNotDependOnTheVariant(variant: Variant) throws {
        let document = try parseSingleDocument(bytes: variant.bytes)
        #expect(document.scalar(try document.node(at: "title")) == "é 日本 😀")
        #expect(document.scalar(try document.node(at: "script")) == "echo 日本\nexit 0\n")
        #expect(document.scalar(try document.node(at: "tabbed")) == "a\tb")
        #expect(document.scalar(try document.node(at: "empty")) == "")
        #expect(document.scalar(try document.node(at: "after/1")) == "😀x")
    }

    @Test(arguments: Variant.allCases)
    func documentRangeRunsFromItsFirstTokenToTheEndOfTheFile(variant: Variant) throws {
        let bytes = variant.bytes
        let document = try parseSingleDocument(bytes: bytes)
        let startOffset =
            switch variant {
            case .plain, .crlf: 0
            case .byteOrderMark: 3
            case .multiBytePrefixLine: Variant.prefixLine.utf8.count
            }
        #expect(document.range.lowerBound == startOffset)
        #expect(document.range.upperBound == bytes.count)
    }

    @Test func nodeAfterEmojiOnTheSameLineInABlockMapping() throws {
        let document = try parseSingleDocument("😀: 😀😀\nk: v\n")
        let value = try document.node(at: "😀")
        #expect(document.slicedText(value) == "😀😀")
        #expect(document.startPosition(value) == SourcePosition(offset: 6, line: 1, column: 4))
        #expect(document.endPosition(value) == SourcePosition(offset: 14, line: 1, column: 6))
        let later = try document.node(at: "k")
        #expect(document.startPosition(later) == SourcePosition(offset: 18, line: 2, column: 4))
    }

    @Test func tabsInsideQuotedAndPlainScalars() throws {
        let document = try parseSingleDocument("a: x\t\ty\nb: \"\tq\"\nc: 'z\t'\n")
        let plain = try document.node(at: "a")
        #expect(document.scalar(plain) == "x\t\ty")
        #expect(document.slicedText(plain) == "x\t\ty")
        #expect(document.endPosition(plain).column == 8)
        let doubleQuoted = try document.node(at: "b")
        #expect(document.scalar(doubleQuoted) == "\tq")
        #expect(document.startPosition(doubleQuoted) == SourcePosition(offset: 11, line: 2, column: 4))
        #expect(document.endPosition(doubleQuoted).column == 8)
        let singleQuoted = try document.node(at: "c")
        #expect(document.scalar(singleQuoted) == "z\t")
        #expect(document.slicedText(singleQuoted) == "'z\t'")
    }

    @Test func nodeRefDescriptionIsPathLineColumn() throws {
        let document = try parseSingleDocument("a:\n  b: 日本\n", path: "deploy.yaml")
        let ref = document.ref(try document.node(at: "a/b"))
        #expect(ref.description == "deploy.yaml:2:6")
        #expect(ref.start.line == 2)
        #expect(ref.scalar == "日本")
    }
}
