import Testing

@testable import BattenYAML

@Suite("Bad input")
struct ErrorTests {
    @Test func latin1ByteIsAnEncodingErrorAtThatByte() throws {
        // "café" saved as Latin-1: 0xE9 starts a three-byte sequence that a line break interrupts.
        let bytes = Array("name: web\ntitle: caf".utf8) + [0xE9] + Array("\nnext: 1\n".utf8)
        let error = try parseError(bytes: bytes, path: "latin1.yaml")
        #expect(error.kind == .encoding)
        #expect(error.path == "latin1.yaml")
        #expect(error.position == SourcePosition(offset: 20, line: 2, column: 11))
        #expect(error.message == "invalid trailing UTF-8 octet (byte or character #xA)")
    }

    @Test(
        arguments: [
            ([0x61, 0x3A, 0x20, 0xFF], 3, "invalid leading UTF-8 octet (byte or character #xFF)"),
            ([0x61, 0x3A, 0x20, 0x80, 0x62], 3, "invalid leading UTF-8 octet (byte or character #x80)"),
            ([0x61, 0x3A, 0x20, 0xE6, 0x97], 3, "incomplete UTF-8 octet sequence"),
            ([0x61, 0x3A, 0x20, 0xC3, 0x62], 3, "invalid trailing UTF-8 octet (byte or character #x62)"),
            ([0x61, 0x3A, 0x20, 0xE6, 0x97, 0x41], 3, "invalid trailing UTF-8 octet (byte or character #x41)"),
            ([0x61, 0x3A, 0x20, 0xC0, 0xAF], 3, "invalid length of a UTF-8 sequence"),
            ([0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80], 3, "invalid Unicode character (byte or character #xD800)"),
            ([0x61, 0x3A, 0x20, 0x62, 0x07], 4, "control characters are not allowed (byte or character #x7)"),
            ([0x61, 0x3A, 0x20, 0xC2, 0x9B], 3, "control characters are not allowed (byte or character #x9B)"),
        ] as [([UInt8], Int, String)])
    func invalidUTF8(bytes: [UInt8], offset: Int, message: String) throws {
        let error = try parseError(bytes: bytes)
        #expect(error.kind == .encoding)
        #expect(error.position == SourcePosition(offset: offset, line: 1, column: offset + 1))
        #expect(error.message == message)
        #expect(ExpectedReaderError.find(in: bytes)?.message == message)
    }

    @Test func invalidUTF8AfterMultiByteTextAndAByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("日本: [é,\n  😀, ".utf8) + [0xFF] + Array("]\n".utf8)
        let error = try parseError(bytes: bytes)
        #expect(error.kind == .encoding)
        #expect(error.position == SourcePosition(offset: 24, line: 2, column: 6))
    }

    @Test func nulByte() throws {
        let error = try parseError(bytes: Array("a: 1\nb: x".utf8) + [0x00] + Array("y\n".utf8), path: "nul.yaml")
        #expect(error.kind == .encoding)
        #expect(error.position == SourcePosition(offset: 9, line: 2, column: 5))
        #expect(error.message == "control characters are not allowed (byte or character #x0)")
        #expect(error.description == "nul.yaml:2:5: error: control characters are not allowed (byte or character #x0)")
    }

    @Test(arguments: [1 as UInt64, 2, 3, 42, 2024])
    func binaryFile(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        var bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for index in stride(from: 5, to: bytes.count, by: 97) { bytes[index] = 0 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { bytes[0] = 0 }
        let expected = try #require(ExpectedReaderError.find(in: bytes))

        let source = SourceFile(path: "x.yaml", bytes: bytes)
        let stream = YAMLParser.parse(source)
        #expect(stream.documents.isEmpty)
        let error = try #require(stream.error)
        #expect(error.kind == .encoding)
        #expect(error.path == "x.yaml")
        #expect(error.position == SourcePosition(offset: expected.offset, line: expected.line, column: expected.column))
        #expect(error.message == expected.message)
        #expect(
            DiagnosticRenderer.render(error, source: source)
                == "x.yaml:\(expected.line):\(expected.column): error: \(expected.message)")
    }

    @Test(arguments: [7 as UInt64, 8, 9])
    func binaryTailAfterText(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let prefix = Array("name: 日本\r\nimage: é😀\n# binary follows: ".utf8)
        var tail = (0..<1024).map { _ in UInt8.random(in: 0...255, using: &generator) }
        tail[tail.count / 2] = 0
        let bytes = prefix + tail
        let expected = try #require(ExpectedReaderError.find(in: bytes))
        #expect(expected.line == 3)

        let error = try parseError(bytes: bytes, path: "x.yaml")
        #expect(error.kind == .encoding)
        #expect(error.position == SourcePosition(offset: expected.offset, line: expected.line, column: expected.column))
        #expect(error.message == expected.message)
    }

    @Test func invalidByteBeyondTheFirstReadBuffer() throws {
        // libyaml decodes its input in chunks; the offset it reports must still be absolute.
        let lines = String(repeating: "- item 日本\n", count: 3000)
        let bytes = Array(lines.utf8) + Array("- bad ".utf8) + [0xFF] + Array("\n".utf8)
        let error = try parseError(bytes: bytes)
        #expect(error.kind == .encoding)
        #expect(error.position == SourcePosition(offset: bytes.count - 2, line: 3001, column: 7))
    }

    @Test(arguments: [[0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00], [0xFE, 0xFF, 0x00, 0x61, 0x00, 0x3A]] as [[UInt8]])
    func utf16ByteOrderMarkIsRefused(bytes: [UInt8]) throws {
        let error = try parseError(bytes: bytes, path: "wide.yaml")
        #expect(error.kind == .encoding)
        #expect(error.position == SourcePosition(offset: 0, line: 1, column: 1))
        #expect(error.message == "UTF-16 input is not supported; save the file as UTF-8")
    }

    @Test func utf16WithoutByteOrderMarkFailsOnItsNulBytes() throws {
        let error = try parseError(bytes: [0x61, 0x00, 0x3A, 0x00])
        #expect(error.kind == .encoding)
        #expect(error.position == SourcePosition(offset: 1, line: 1, column: 2))
    }

    @Test(
        arguments: [
            ("a: b: c", 4, 1, 5, "mapping values are not allowed in this context", nil, nil),
            (
                "services:\n  web:\n    image: nginx\n   ports: []\n", 37, 4, 4,
                "did not find expected key", "while parsing a block mapping", SourcePosition(offset: 12, line: 2, column: 3)
            ),
            (
                "key: [a, b\nother: 1\n", 16, 2, 6,
                "did not find expected ',' or ']'", "while parsing a flow sequence", SourcePosition(offset: 5, line: 1, column: 6)
            ),
            (
                "a:\n\t- b\n", 3, 2, 1,
                "found character that cannot start any token", "while scanning for the next token", SourcePosition(offset: 3, line: 2, column: 1)
            ),
            (
                "name: \"日本\n", 14, 2, 1,
                "found unexpected end of stream", "while scanning a quoted scalar", SourcePosition(offset: 6, line: 1, column: 7)
            ),
            ("é: x\n  日本: [1, 2\n", 14, 2, 5, "mapping values are not allowed in this context", nil, nil),
        ] as [(String, Int, Int, Int, String, String?, SourcePosition?)])
    func syntaxError(
        text: String, offset: Int, line: Int, column: Int, message: String, context: String?, contextPosition: SourcePosition?
    ) throws {
        let error = try parseError(text)
        #expect(error.kind == .syntax)
        #expect(error.position == SourcePosition(offset: offset, line: line, column: column))
        #expect(error.message == message)
        #expect(error.context == context)
        #expect(error.contextPosition == contextPosition)
    }

    @Test func syntaxErrorPositionWithCRLFAndByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: é: c\r\n".utf8)
        let error = try parseError(bytes: bytes)
        #expect(error.kind == .syntax)
        #expect(error.position == SourcePosition(offset: 14, line: 2, column: 5))
    }

    @Test func fullMessageIncludesTheContext() throws {
        let error = try parseError("services:\n  web:\n    image: nginx\n   ports: []\n", path: "c.yaml")
        #expect(error.fullMessage == "did not find expected key (while parsing a block mapping at 2:3)")
        #expect(error.description == "c.yaml:4:4: error: did not find expected key (while parsing a block mapping at 2:3)")
    }

    @Test func fullMessageWithAContextButNoPosition() {
        let error = YAMLError(
            kind: .syntax, path: "p.yaml", position: SourcePosition(offset: 0, line: 1, column: 1),
            message: "problem", context: "while testing")
        #expect(error.fullMessage == "problem (while testing)")
    }

    @Test func unsupportedYAMLVersion() throws {
        let error = try parseError("%YAML 2.0\n---\na\n")
        #expect(error.kind == .syntax)
        #expect(error.message == "found incompatible YAML document")
        #expect(error.position == SourcePosition(offset: 0, line: 1, column: 1))
    }
}
