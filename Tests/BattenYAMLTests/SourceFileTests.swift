import Testing

@testable import BattenYAML

@Suite("SourceFile")
struct SourceFileTests {
    /// "aé日😀b": scalars of 1, 2, 3, 4 and 1 bytes.
    static let mixedWidths = "aé日😀b"

    @Test(arguments: [(0, 0), (1, 1), (2, 3), (3, 6), (4, 10), (5, 11)])
    func byteOffsetForScalarIndex(scalarIndex: Int, byteOffset: Int) {
        let source = SourceFile(path: "x.yaml", text: Self.mixedWidths)
        #expect(source.byteOffset(forScalarIndex: scalarIndex) == byteOffset)
    }

    @Test(arguments: [(0, 3), (1, 4), (2, 6), (3, 9), (4, 13), (5, 14)])
    func byteOffsetForScalarIndexSkipsByteOrderMark(scalarIndex: Int, byteOffset: Int) {
        let source = SourceFile(path: "x.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array(Self.mixedWidths.utf8))
        #expect(source.bomLength == 3)
        #expect(source.byteOffset(forScalarIndex: scalarIndex) == byteOffset)
    }

    @Test func byteOffsetForScalarIndexCountsCRLFAsTwo() {
        let source = SourceFile(path: "x.yaml", text: "é\r\n日: 😀\r\n")
        // Scalars: é \r \n 日 : space 😀 \r \n
        #expect(source.byteOffset(forScalarIndex: 1) == 2)
        #expect(source.byteOffset(forScalarIndex: 3) == 4)
        #expect(source.byteOffset(forScalarIndex: 6) == 9)
        #expect(source.byteOffset(forScalarIndex: 7) == 13)
    }

    @Test func byteOffsetForScalarIndexIsClampedToTheFile() {
        #expect(SourceFile(path: "x.yaml", text: "ab").byteOffset(forScalarIndex: 10) == 2)
        #expect(SourceFile(path: "x.yaml", text: "é").byteOffset(forScalarIndex: 10) == 2)
    }

    @Test(arguments: [
        (0, 1, 1), (1, 1, 2), (3, 1, 3), (6, 1, 4), (10, 1, 5), (11, 1, 6), (12, 2, 1), (14, 2, 2), (15, 2, 3),
    ])
    func positionForByteOffset(offset: Int, line: Int, column: Int) {
        let source = SourceFile(path: "x.yaml", text: Self.mixedWidths + "\né:")
        #expect(source.position(forByteOffset: offset) == SourcePosition(offset: offset, line: line, column: column))
    }

    @Test func positionDoesNotCountTheByteOrderMark() {
        let source = SourceFile(path: "x.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("ab\ncd".utf8))
        #expect(source.position(forByteOffset: 3) == SourcePosition(offset: 3, line: 1, column: 1))
        #expect(source.position(forByteOffset: 4) == SourcePosition(offset: 4, line: 1, column: 2))
        #expect(source.position(forByteOffset: 6) == SourcePosition(offset: 6, line: 2, column: 1))
        #expect(source.position(forByteOffset: 7) == SourcePosition(offset: 7, line: 2, column: 2))
    }

    @Test func positionWithCRLFLineBreaks() {
        let source = SourceFile(path: "x.yaml", text: "ab\r\ncd\r\n")
        #expect(source.lineStarts == [0, 4, 8])
        #expect(source.position(forByteOffset: 2) == SourcePosition(offset: 2, line: 1, column: 3))
        #expect(source.position(forByteOffset: 3) == SourcePosition(offset: 3, line: 1, column: 4))
        #expect(source.position(forByteOffset: 5) == SourcePosition(offset: 5, line: 2, column: 2))
    }

    @Test func loneCarriageReturnEndsALine() {
        let source = SourceFile(path: "x.yaml", text: "a\rb\r\nc\nd")
        #expect(source.lineStarts == [0, 2, 5, 7])
        #expect(source.line(forByteOffset: 2) == 2)
        #expect(source.line(forByteOffset: 4) == 2)
        #expect(source.line(forByteOffset: 8) == 4)
    }

    @Test func tabCountsAsOneColumn() {
        let source = SourceFile(path: "x.yaml", text: "\ta\tb")
        #expect(source.position(forByteOffset: 3).column == 4)
    }

    @Test func lineTextDropsLineBreaksAndByteOrderMark() {
        let source = SourceFile(path: "x.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("first: 日本\r\nsecond\rthird\nlast".utf8))
        #expect(source.lineText(1) == "first: 日本")
        #expect(source.lineText(2) == "second")
        #expect(source.lineText(3) == "third")
        #expect(source.lineText(4) == "last")
        #expect(source.lineText(0) == "")
        #expect(source.lineText(5) == "")
    }

    @Test func lineTextOfAnEmptyLastLine() {
        let source = SourceFile(path: "x.yaml", text: "a\n")
        #expect(source.lineStarts == [0, 2])
        #expect(source.lineText(2) == "")
    }

    @Test(arguments: [
        ("a: 1\r\nb: 2\r\n", "\r\n"),
        ("a: 1\nb: 2\n", "\n"),
        ("a: 1\r\nb: 2\n", "\r\n"),
        ("a: 1\nb: 2\r\n", "\n"),
        ("a: 1", "\n"),
        ("", "\n"),
    ])
    func lineBreakFollowsTheFirstLineBreak(text: String, lineBreak: String) {
        #expect(SourceFile(path: "x.yaml", text: text).lineBreak == lineBreak)
    }

    @Test func textOfARangeIsClamped() {
        let source = SourceFile(path: "x.yaml", text: "abc")
        #expect(source.text(1..<2) == "b")
        #expect(source.text(1..<10) == "bc")
        #expect(source.text(5..<9) == "")
    }

    @Test func isASCII() {
        #expect(SourceFile(path: "x.yaml", text: "a: b\n").isASCII)
        #expect(!SourceFile(path: "x.yaml", text: "a: é\n").isASCII)
        #expect(SourceFile(path: "x.yaml", bytes: [0xEF, 0xBB, 0xBF, 0x61]).isASCII)
    }

    @Test func invalidLeadByteDoesNotSwallowTheFollowingLineBreak() {
        // 0xE9 is Latin-1 "é": as UTF-8 it announces three bytes that never come.
        let source = SourceFile(path: "x.yaml", bytes: Array("a: caf".utf8) + [0xE9] + Array("\nb: 1\n".utf8))
        #expect(source.lineStarts == [0, 8, 13])
        #expect(source.lineText(2) == "b: 1")
        #expect(source.position(forByteOffset: 9) == SourcePosition(offset: 9, line: 2, column: 2))
    }

    @Test func truncatedSequenceAtEndOfFile() {
        let source = SourceFile(path: "x.yaml", bytes: [0x61, 0xE6, 0x97])
        #expect(source.lineStarts == [0])
        #expect(source.position(forByteOffset: 1).column == 2)
    }

    /// The line table and scalar offsets of byte strings with line breaks, multi-byte and invalid
    /// sequences at every alignment equal those of a plain scan one byte at a time (the table is
    /// built eight bytes at a time where it can).
    @Test func lineTableEqualsAScanByteByByte() {
        let pieces: [[UInt8]] = [
            Array("abcdefgh".utf8), Array("key: value".utf8), [0x0A], [0x0D], [0x0D, 0x0A], Array("é".utf8), Array("日".utf8),
            Array("😀".utf8), [0xFF], [0xE6, 0x97], [0x09], [0x20], Array("0123456789abcdefXYZ".utf8), [0x7F],
        ]
        var generator = SplitMix64(seed: 17)
        for _ in 0..<600 {
            var bytes: [UInt8] = []
            if Bool.random(using: &generator) { bytes += [0xEF, 0xBB, 0xBF] }
            for _ in 0..<Int.random(in: 0..<14, using: &generator) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            let source = SourceFile(path: "x.yaml", bytes: bytes)
            let reference = ReferenceLineTable(bytes)
            #expect(source.lineStarts == reference.lineStarts, "\(bytes)")
            for index in 0...reference.scalarCount + 1 {
                #expect(source.byteOffset(forScalarIndex: index) == reference.byteOffset(forScalarIndex: index), "\(bytes) at \(index)")
            }
        }
    }
}

/// The line starts and scalar offsets of a file, computed one byte at a time.
private struct ReferenceLineTable {
    var lineStarts = [0]
    /// The byte offset of each scalar libyaml counts, after the byte-order mark.
    var scalarOffsets: [Int] = []
    let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while offset < bytes.count {
            scalarOffsets.append(offset)
            let byte = bytes[offset]
            if byte == 0x0A || (byte == 0x0D && (offset + 1 == bytes.count || bytes[offset + 1] != 0x0A)) {
                lineStarts.append(offset + 1)
            }
            var width = byte < 0x80 ? 1 : byte & 0xE0 == 0xC0 ? 2 : byte & 0xF0 == 0xE0 ? 3 : byte & 0xF8 == 0xF0 ? 4 : 1
            if width > 1 && (offset + width > bytes.count || bytes[(offset + 1)..<(offset + width)].contains { $0 & 0xC0 != 0x80 }) {
                width = 1
            }
            offset += width
        }
    }

    var scalarCount: Int { scalarOffsets.count }

    /// Past the last scalar: the end of the file.
    func byteOffset(forScalarIndex index: Int) -> Int {
        index < scalarOffsets.count ? scalarOffsets[index] : count
    }
}
