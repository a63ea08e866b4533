import BattenYAML

/// How a file is laid out, so that inserted text looks like the rest of it: the indentation step,
/// whether block sequences under a key are indented, the line break, and where lines start and end.
struct SourceLayout {
    let document: YAMLDocument
    var bytes: [UInt8] { document.source.bytes }
    /// Spaces per nesting level (the most common step between a key and its block children).
    let indentStep: Int
    /// True when block sequences under a mapping key are indented (`key:\n  - a`), false for `key:\n- a`.
    let indentsSequences: Bool
    let lineBreak: String

    init(document: YAMLDocument) {
        self.document = document
        self.lineBreak = document.source.lineBreak
        var steps: [Int: Int] = [:]
        var indented = 0
        var indentless = 0
        for id in document.allNodes {
            guard let parent = document.parent(id), document.kind(parent) == .mapping, document.style(parent) == .block,
                let key = document.key(ofValue: id), document.style(id) == .block
            else { continue }
            let keyColumn = Self.column(of: Int(document.node(key).start), in: document.source.bytes)
            if document.kind(id) == .mapping, let first = document.children(id).first {
                let childColumn = Self.column(of: Int(document.node(first).start), in: document.source.bytes)
                if childColumn > keyColumn { steps[childColumn - keyColumn, default: 0] += 1 }
            } else if document.kind(id) == .sequence {
                let dash = Self.column(of: Int(document.node(id).start), in: document.source.bytes)
                if dash > keyColumn { indented += 1 } else { indentless += 1 }
            }
        }
        self.indentStep = steps.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? 2
        self.indentsSequences = indented >= indentless
    }

    /// The byte column (0-based) of `offset` on its line.
    static func column(of offset: Int, in bytes: [UInt8]) -> Int {
        var index = offset
        while index > 0, bytes[index - 1] != 0x0A, bytes[index - 1] != 0x0D { index -= 1 }
        // A byte-order mark before the first line takes no column.
        return offset - (index == 0 && offset >= 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : index)
    }

    func column(of offset: Int) -> Int { Self.column(of: offset, in: bytes) }

    /// The offset of the first byte of the line holding `offset`.
    func lineStart(_ offset: Int) -> Int {
        var index = min(offset, bytes.count)
        while index > 0, bytes[index - 1] != 0x0A, bytes[index - 1] != 0x0D { index -= 1 }
        return index
    }

    /// The offset of the line break ending the line that holds `offset` (or the end of the file).
    func lineEnd(_ offset: Int) -> Int {
        var index = offset
        while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
        return index
    }

    /// The offset just past the line break ending the line that holds `offset`.
    func nextLineStart(_ offset: Int) -> Int {
        var index = lineEnd(offset)
        if index < bytes.count, bytes[index] == 0x0D { index += 1 }
        if index < bytes.count, bytes[index] == 0x0A { index += 1 }
        return index
    }

    /// True when `offset` is at the start of a line.
    func isLineStart(_ offset: Int) -> Bool {
        offset == 0 || bytes[offset - 1] == 0x0A || bytes[offset - 1] == 0x0D
    }

    /// Where a new line goes after a node: after the node's line (past a trailing comment), or
    /// right at the node's end when it already ends at a line start (block scalars).
    func insertionPoint(after end: Int) -> (offset: Int, needsLeadingBreak: Bool) {
        if end > 0, isLineStart(end), end <= bytes.count {
            return (end, false)
        }
        return (lineEnd(end), true)
    }

    /// The column of the `-` of a block sequence item.
    func dashColumn(ofItem item: NodeID) -> Int {
        var index = Int(document.node(item).start)
        let start = lineStart(index)
        while index > start {
            index -= 1
            if bytes[index] == UInt8(ascii: "-") { return index - start }
        }
        return column(of: Int(document.node(item).start))
    }

    /// The offset of the `-` of a block sequence item (the item's start when there is none).
    func dashOffset(ofItem item: NodeID) -> Int {
        var index = Int(document.node(item).start)
        let start = lineStart(index)
        while index > start {
            index -= 1
            if bytes[index] == UInt8(ascii: "-") { return index }
        }
        return Int(document.node(item).start)
    }

    /// True when only spaces stand between the line start and `offset`.
    func onlySpacesBefore(_ offset: Int) -> Bool {
        var index = lineStart(offset)
        while index < offset {
            if bytes[index] != UInt8(ascii: " ") && bytes[index] != UInt8(ascii: "\t") { return false }
            index += 1
        }
        return true
    }
}
