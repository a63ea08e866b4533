/// A Compose `user` value (`1000`, `1000:1000`, `app`, `root:root`) split as Docker reads it.
struct UserSpec: Sendable, Hashable {
    var user: String
    var group: String?

    init(_ text: String) {
        let parts = text.trimmingWhitespace.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        user = parts.first.map(String.init) ?? ""
        group = parts.count > 1 ? String(parts[1]) : nil
    }

    /// True when the user part is root (`root`, `0`) or empty (the image's user, root for most).
    var isRoot: Bool { user.isEmpty || Self.isRoot(user) }

    /// True when the group part names root's group.
    var hasRootGroup: Bool { group.map(Self.isRoot) ?? false }

    /// `root` or a numeric id of 0.
    static func isRoot(_ part: String) -> Bool { part == "root" || Int(part) == 0 }
}
