/// Searching and splitting strings on an ASCII character through their UTF-8 bytes.
///
/// The Character-level `split(separator:)` and `firstIndex(of:)` walk grapheme clusters, a hundred
/// instructions and more per character; the loaders and rules call them on every port, path,
/// environment entry and image of a project. Compose and Kubernetes, written in Go, split these
/// values on bytes, so the byte-level answer is also theirs: a separator followed by a combining
/// mark still separates.
extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The position of the first `character` (ASCII), or nil.
    func firstIndex(ofASCII character: Unicode.Scalar) -> String.Index? {
        let byte = UInt8(ascii: character)
        return utf8.firstIndex(of: byte)
    }

    /// The position of the last `character` (ASCII), or nil.
    func lastIndex(ofASCII character: Unicode.Scalar) -> String.Index? {
        let byte = UInt8(ascii: character)
        return utf8.lastIndex(of: byte)
    }

    /// The text before and after the first `character` (ASCII), or nil when it does not occur.
    func cut(atFirstASCII character: Unicode.Scalar) -> (before: SubSequence, after: SubSequence)? {
        firstIndex(ofASCII: character).map(cut(at:))
    }

    /// The text before and after the last `character` (ASCII), or nil when it does not occur.
    func cut(atLastASCII character: Unicode.Scalar) -> (before: SubSequence, after: SubSequence)? {
        lastIndex(ofASCII: character).map(cut(at:))
    }

    /// The pieces between occurrences of `separator` (ASCII), as `split(separator:)` returns them.
    func split(onASCII separator: Unicode.Scalar, omittingEmptySubsequences: Bool = true) -> [SubSequence] {
        let byte = UInt8(ascii: separator)
        let bytes = utf8
        var pieces: [SubSequence] = []
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == byte {
                if !omittingEmptySubsequences || index != start { pieces.append(self[start..<index]) }
                start = bytes.index(after: index)
            }
            bytes.formIndex(after: &index)
        }
        if !omittingEmptySubsequences || start != bytes.endIndex { pieces.append(self[start..<bytes.endIndex]) }
        return pieces
    }

    /// The last non-empty `/`-separated segment (`docker.sock` for `/var/run/docker.sock/`), or
    /// the whole text when it has none.
    var lastPathSegment: String {
        let bytes = utf8
        var end = bytes.endIndex
        while end != bytes.startIndex {
            let before = bytes.index(before: end)
            guard bytes[before] == UInt8(ascii: "/") else { break }
            end = before
        }
        guard end != bytes.startIndex else { return String(self) }
        var start = end
        while start != bytes.startIndex {
            let before = bytes.index(before: start)
            if bytes[before] == UInt8(ascii: "/") { break }
            start = before
        }
        return String(self[start..<end])
    }

    private func cut(at index: String.Index) -> (before: SubSequence, after: SubSequence) {
        (self[startIndex..<index], self[utf8.index(after: index)..<endIndex])
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes in one buffer: a loop over it costs a fraction
    /// of iterating `utf8`. Only a string bridged from elsewhere is copied first.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }

    /// True when the string holds `character` (ASCII).
    func containsASCII(_ character: Unicode.Scalar) -> Bool {
        let byte = UInt8(ascii: character)
        return withUTF8Bytes { $0.contains(byte) }
    }
}
