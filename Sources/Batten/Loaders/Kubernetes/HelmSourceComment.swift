import BattenYAML

/// Helm's `# Source: chart/templates/x.yaml` comments, which `helm template` writes above every
/// document it renders. libyaml drops comments, so they are read from the bytes in front of a
/// document's root node.
enum HelmSourceComment {
    private static let marker = Array("Source:".utf8)

    /// The template named by the last `# Source:` comment line in `range` of `source`, if any.
    static func template(in source: SourceFile, range: Range<Int>) -> String? {
        let bytes = source.bytes
        let lower = max(source.bomLength, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        var found: String?
        var lineStart = lower
        while lineStart < upper {
            var lineEnd = lineStart
            while lineEnd < upper, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
            if let name = template(inLine: bytes[lineStart..<lineEnd]) { found = name }
            lineStart = lineEnd + 1
        }
        return found
    }

    /// The template of one line that reads `# Source: path` (blanks allowed around `#`).
    private static func template(inLine line: ArraySlice<UInt8>) -> String? {
        var start = line.startIndex
        while start < line.endIndex, isBlank(line[start]) { start += 1 }
        guard start < line.endIndex, line[start] == UInt8(ascii: "#") else { return nil }
        start += 1
        while start < line.endIndex, isBlank(line[start]) { start += 1 }
        guard line[start...].starts(with: marker) else { return nil }
        start += marker.count
        var end = line.endIndex
        while start < end, isBlank(line[start]) { start += 1 }
        while end > start, isBlank(line[end - 1]) { end -= 1 }
        return start < end ? String(decoding: line[start..<end], as: UTF8.self) : nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}
