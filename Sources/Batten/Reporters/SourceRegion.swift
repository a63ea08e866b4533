import BattenYAML

/// A finding's span as reports show it: 1-based lines and columns (in Unicode scalars), the end
/// exclusive and pulled back over trailing line breaks and spaces, so that a block node that ends
/// at the start of the next line ends on its own last line instead.
public struct SourceRegion: Sendable, Hashable {
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// The region of `location`, trimmed with the file's text when it is known.
    public init(_ location: SourceLocation, source: SourceFile?) {
        var end = source.map { Self.trimmedEnd(of: location, in: $0) } ?? location.end
        if end.line < location.start.line || (end.line == location.start.line && end.column < location.start.column) {
            end = location.start
        }
        self.init(startLine: location.start.line, startColumn: location.start.column, endLine: end.line, endColumn: end.column)
    }

    /// The end of `location` pulled back over trailing line breaks and spaces of `source`.
    public static func trimmedEnd(of location: SourceLocation, in source: SourceFile) -> SourcePosition {
        guard location.end.offset > location.start.offset, location.end.offset <= source.bytes.count else { return location.end }
        var offset = location.end.offset
        while offset > location.start.offset, isTrailingSpace(source.bytes[offset - 1]) { offset -= 1 }
        return offset == location.end.offset ? location.end : source.position(forByteOffset: offset)
    }

    private static func isTrailingSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

extension Report {
    /// The region of a finding.
    public func region(of finding: Finding) -> SourceRegion {
        SourceRegion(finding.location, source: result.loaded.sources[finding.location.path])
    }
}
