/// A file glob: `*` matches within a path segment, `**` across segments, `?` one character.
/// A pattern without `/` matches the file name anywhere; one with `/` matches the path's tail.
public struct GlobPattern: Sendable, Hashable {
    public var pattern: String

    public init(_ pattern: String) {
        self.pattern = pattern
    }

    public func matches(_ path: String) -> Bool {
        let normalized = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        let pathSegments = normalized.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var patternText = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        if !patternText.contains("/") { patternText = "**/" + patternText }
        if !patternText.hasPrefix("/") && !patternText.hasPrefix("**") { patternText = "**/" + patternText }
        let patternSegments = patternText.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return Self.match(patternSegments[...], pathSegments[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(Array(head.unicodeScalars)[...], Array(segment.unicodeScalars)[...]) else {
            return false
        }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        switch head {
        case "*":
            var rest = text
            while true {
                if matchSegment(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !text.isEmpty && matchSegment(pattern.dropFirst(), text.dropFirst())
        default:
            return text.first == head && matchSegment(pattern.dropFirst(), text.dropFirst())
        }
    }
}
