import Testing

@testable import BattenYAML

/// Parses `text`, failing the test when the stream has an error or not exactly one document.
func parseSingleDocument(_ text: String, path: String = "test.yaml") throws -> YAMLDocument {
    let stream = YAMLParser.parse(text, path: path)
    if let error = stream.error { throw error }
    try #require(stream.documents.count == 1)
    return try #require(stream.documents.first)
}

/// Parses raw bytes as a file, failing the test when the stream has an error or not exactly one document.
func parseSingleDocument(bytes: [UInt8], path: String = "test.yaml") throws -> YAMLDocument {
    let stream = YAMLParser.parse(SourceFile(path: path, bytes: bytes))
    if let error = stream.error { throw error }
    try #require(stream.documents.count == 1)
    return try #require(stream.documents.first)
}

/// Parses `text` and returns the error that stopped it, failing the test when there is none.
func parseError(_ text: String, path: String = "test.yaml", limits: YAMLLimits = .default) throws -> YAMLError {
    try #require(YAMLParser.parse(text, path: path, limits: limits).error)
}

/// Parses `bytes` and returns the error that stopped it, failing the test when there is none.
func parseError(bytes: [UInt8], path: String = "test.yaml", limits: YAMLLimits = .default) throws -> YAMLError {
    try #require(YAMLParser.parse(SourceFile(path: path, bytes: bytes), limits: limits).error)
}

struct NodeLookupError: Error, CustomStringConvertible {
    let path: String
    var description: String { "no node at \(path)" }
}

extension YAMLDocument {
    /// The node at a slash-separated path from the root: mapping keys by name, sequence items by
    /// index, and `@name` for the key node itself. Aliases are followed on the way, merge keys applied.
    func node(at path: String) throws -> NodeID {
        guard var current = root else { throw NodeLookupError(path: path) }
        for component in path.split(separator: "/").map(String.init) {
            let target = resolve(current)
            if component.hasPrefix("@") {
                let name = String(component.dropFirst())
                guard let entry = entry(forKey: name, in: target) else { throw NodeLookupError(path: path) }
                current = entry.key
            } else if kind(target) == .sequence, let index = Int(component) {
                let items = children(target)
                guard index >= 0, index < items.count else { throw NodeLookupError(path: path) }
                current = items[items.startIndex + index]
            } else {
                guard let value = value(forKey: component, in: target) else { throw NodeLookupError(path: path) }
                current = value
            }
        }
        return current
    }

    /// The source bytes of a node's range, decoded, sliced directly from the file's bytes.
    func slicedText(_ id: NodeID) -> String {
        String(decoding: source.bytes[range(id)], as: UTF8.self)
    }
}

/// The byte offset of a 1-based line and column (columns in Unicode scalars), computed
/// independently of `SourceFile`: a UTF-8 byte-order mark is skipped, LF, CRLF and CR end lines.
func independentByteOffset(in bytes: [UInt8], line: Int, column: Int) -> Int {
    var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var currentLine = 1
    while currentLine < line, offset < bytes.count {
        if bytes[offset] == 0x0A {
            currentLine += 1
        } else if bytes[offset] == 0x0D, offset + 1 >= bytes.count || bytes[offset + 1] != 0x0A {
            currentLine += 1
        }
        offset += 1
    }
    var currentColumn = 1
    while currentColumn < column, offset < bytes.count {
        offset += 1
        while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
        currentColumn += 1
    }
    return offset
}
