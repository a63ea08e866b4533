import BattenYAML

/// Where a finding or error points: a file, a start and end position, and the byte range.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var path: String
    public var start: SourcePosition
    public var end: SourcePosition

    public init(path: String, start: SourcePosition, end: SourcePosition) {
        self.path = path
        self.start = start
        self.end = end
    }

    /// The location of a node; for the value of a mapping entry, the whole entry from its key
    /// (`privileged: true`), so that reports point at the setting's name.
    public init(_ node: NodeRef) {
        let range = node.entryRange
        self.init(path: node.path, start: range.start, end: range.end)
    }

    public var line: Int { start.line }
    public var column: Int { start.column }
    public var byteRange: Range<Int> { start.offset..<max(start.offset, end.offset) }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if lhs.start.line != rhs.start.line { return lhs.start.line < rhs.start.line }
        return lhs.start.column < rhs.start.column
    }
}
