/// The one-star glob of image-name segments and command words: `*` matches any run of characters
/// (none included); every other character matches itself.
enum Wildcard {
    static func matches(_ pattern: Substring, _ text: Substring) -> Bool {
        guard let star = pattern.firstIndex(of: "*") else { return pattern == text }
        let head = pattern[..<star]
        guard text.hasPrefix(head) else { return false }
        let rest = pattern[pattern.index(after: star)...]
        var candidate = text.dropFirst(head.count)
        while true {
            if matches(rest, candidate) { return true }
            guard !candidate.isEmpty else { return false }
            candidate = candidate.dropFirst()
        }
    }
}
