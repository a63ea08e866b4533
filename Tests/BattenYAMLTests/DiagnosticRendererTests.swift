import Testing

@testable import BattenYAML

@Suite("Diagnostic rendering")
struct DiagnosticRendererTests {
    @Test func syntaxErrorWithCaret() throws {
        let text = "services:\n  web:\n    image: nginx\n   ports: []\n"
        let source = SourceFile(path: "compose.yaml", text: text)
        let error = try #require(YAMLParser.parse(source).error)
        #expect(
            DiagnosticRenderer.render(error, source: source) == """
                compose.yaml:4:4: error: did not find expected key (while parsing a block mapping at 2:3)
                   ports: []
                   ^
                """)
    }

    @Test func duplicateKeyWithCaretAfterMultiByteText() throws {
        let source = SourceFile(path: "k.yaml", text: "日本: 1\nx: {é: 1, é: 2}\n")
        let error = try #require(YAMLParser.parse(source).error)
        #expect(
            DiagnosticRenderer.render(error, source: source) == """
                k.yaml:2:11: error: duplicate key "é" in a mapping (first defined at line 2, column 5)
                x: {é: 1, é: 2}
                          ^
                """)
    }

    @Test func caretLineKeepsTabs() {
        let source = SourceFile(path: "t.yaml", text: "\tkey:\tvalue\n")
        let rendered = DiagnosticRenderer.render(
            path: "t.yaml", position: SourcePosition(offset: 6, line: 1, column: 7), severity: "warning",
            message: "look here", source: source)
        #expect(rendered == "t.yaml:1:7: warning: look here\n\tkey:\tvalue\n\t    \t^")
    }

    @Test func crlfLineAndByteOrderMarkAreNotShown() throws {
        let source = SourceFile(path: "w.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("a: b: c\r\nd: 1\r\n".utf8))
        let error = try #require(YAMLParser.parse(source).error)
        #expect(
            DiagnosticRenderer.render(error, source: source) == """
                w.yaml:1:5: error: mapping values are not allowed in this context
                a: b: c
                    ^
                """)
    }

    @Test func caretAtTheEndOfTheLine() {
        let source = SourceFile(path: "e.yaml", text: "abc\n")
        let excerpt = DiagnosticRenderer.excerpt(source: source, position: SourcePosition(offset: 3, line: 1, column: 4))
        #expect(excerpt == "abc\n   ^")
    }

    @Test func noExcerptWithoutASource() {
        let error = YAMLError(
            kind: .io, path: "gone.yaml", position: SourcePosition(offset: 0, line: 1, column: 1), message: "cannot read")
        #expect(DiagnosticRenderer.render(error, source: nil) == "gone.yaml:1:1: error: cannot read")
    }

    @Test func noExcerptForAnEmptyLine() throws {
        let source = SourceFile(path: "s.yaml", text: "a: [1,\n\n")
        let error = try #require(YAMLParser.parse(source).error)
        #expect(error.position.line == 3)
        #expect(
            DiagnosticRenderer.render(error, source: source)
                == "s.yaml:3:1: error: did not find expected node content (while parsing a flow node at 3:1)")
    }

    @Test(arguments: [
        [0x61, 0x00, 0x62] as [UInt8],
        [0x61, 0x7F, 0x62],
        [0x61, 0xC2, 0x9B, 0x62],
        [0x61, 0xFF, 0x62],
        [0x61, 0x1B, 0x5B, 0x33, 0x31, 0x6D],
    ])
    func noExcerptForUnprintableLines(bytes: [UInt8]) {
        let source = SourceFile(path: "b.yaml", bytes: bytes)
        #expect(DiagnosticRenderer.excerpt(source: source, position: SourcePosition(offset: 1, line: 1, column: 2)) == nil)
    }

    @Test func noExcerptForAVeryLongLine() {
        let source = SourceFile(path: "l.yaml", text: String(repeating: "x", count: 401))
        #expect(DiagnosticRenderer.excerpt(source: source, position: SourcePosition(offset: 0, line: 1, column: 1)) == nil)
        let shorter = SourceFile(path: "l.yaml", text: String(repeating: "x", count: 400))
        #expect(DiagnosticRenderer.excerpt(source: shorter, position: SourcePosition(offset: 0, line: 1, column: 1)) != nil)
    }
}
