/// The bytes of one input file and the tables that turn libyaml's marks into byte offsets,
/// lines and columns.
///
/// libyaml counts positions in Unicode scalars, does not count a byte-order mark, and counts
/// CRLF as two. `SourceFile` converts a scalar index to a byte offset in O(log n) using a table
/// of the multi-byte scalars only, so a pure-ASCII file costs nothing beyond its line table.
public final class SourceFile: Sendable {
    /// The path as given by the user (`-` or a `--stdin-name` for standard input).
    public let path: String
    /// The original bytes, byte-order mark included.
    public let bytes: [UInt8]
    /// Length of the UTF-8 byte-order mark at the start of `bytes` (0 or 3).
    public let bomLength: Int
    /// Byte offset of the first byte of each line (line 1 is at index 0).
    public let lineStarts: [Int]
    /// Scalar indices (libyaml's `mark.index`) of every scalar encoded in more than one byte.
    private let multiByteScalarIndices: [Int]
    /// For entry `i` of `multiByteScalarIndices`, the extra bytes of all multi-byte scalars up to and including it.
    private let cumulativeExtraBytes: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        self.bomLength = bom

        var lineStarts = [0]
        var indices: [Int] = []
        var cumulative: [Int] = []
        var extra = 0
        var scalarIndex = 0
        var offset = bom
        let count = bytes.count
        bytes.withUnsafeBufferPointer { buffer in
            while offset < count {
                // Eight ASCII bytes without a line break at once; anything else byte by byte.
                if offset + 8 <= count, let base = buffer.baseAddress {
                    let word = ASCIIWord(base + offset)
                    if word.isASCII && !word.contains(0x0A) && !word.contains(0x0D) {
                        offset += 8
                        scalarIndex += 8
                        continue
                    }
                }
                let byte = buffer[offset]
                if byte < 0x80 {
                    if byte == 0x0A {
                        lineStarts.append(offset + 1)
                    } else if byte == 0x0D, offset + 1 >= count || buffer[offset + 1] != 0x0A {
                        lineStarts.append(offset + 1)
                    }
                    offset += 1
                } else {
                    var width: Int
                    if byte & 0xE0 == 0xC0 { width = 2 } else if byte & 0xF0 == 0xE0 { width = 3 } else if byte & 0xF8 == 0xF0 { width = 4 } else { width = 1 }
                    if width > 1, !Self.continues(buffer, at: offset, width: width) {
                        // Invalid UTF-8: count the lead byte alone so a line break after it still starts a line.
                        width = 1
                    }
                    if width > 1 {
                        extra += width - 1
                        indices.append(scalarIndex)
                        cumulative.append(extra)
                    }
                    offset += width
                }
                scalarIndex += 1
            }
        }
        self.lineStarts = lineStarts
        self.multiByteScalarIndices = indices
        self.cumulativeExtraBytes = cumulative
    }

    private static func continues(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, width: Int) -> Bool {
        guard offset + width <= buffer.count else { return false }
        for index in (offset + 1)..<(offset + width) where buffer[index] & 0xC0 != 0x80 { return false }
        return true
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// True when the file contains only ASCII after the byte-order mark.
    public var isASCII: Bool { multiByteScalarIndices.isEmpty }

    /// The byte offset of the scalar at libyaml's `index`.
    public func byteOffset(forScalarIndex index: Int) -> Int {
        if multiByteScalarIndices.isEmpty { return min(index + bomLength, bytes.count) }
        // Number of multi-byte scalars strictly before `index`.
        var low = 0
        var high = multiByteScalarIndices.count
        while low < high {
            let mid = (low + high) / 2
            if multiByteScalarIndices[mid] < index { low = mid + 1 } else { high = mid }
        }
        let extra = low == 0 ? 0 : cumulativeExtraBytes[low - 1]
        return min(index + bomLength + extra, bytes.count)
    }

    /// The 1-based line containing `offset`.
    public func line(forByteOffset offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return max(low, 1)
    }

    /// The 1-based line and column (in Unicode scalars) of `offset`. The byte-order mark is not counted.
    public func position(forByteOffset offset: Int) -> SourcePosition {
        let line = line(forByteOffset: offset)
        var start = lineStarts[line - 1]
        if line == 1 { start = bomLength }
        var column = 1
        var index = start
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourcePosition(offset: offset, line: line, column: column)
    }

    /// The text of 1-based `line` without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        var start = lineStarts[line - 1]
        if line == 1 { start = bomLength }
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The bytes of `range` as a string (invalid UTF-8 is replaced).
    public func text(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// The line break the file uses most: `"\r\n"` when its first line break is CRLF, else `"\n"`.
    public var lineBreak: String {
        if let newline = bytes.firstIndex(of: 0x0A), newline > 0, bytes[newline - 1] == 0x0D { return "\r\n" }
        return "\n"
    }
}

/// A position in a source file: byte offset, 1-based line, 1-based column counted in Unicode scalars.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }

    public var description: String { "\(line):\(column)" }
}
