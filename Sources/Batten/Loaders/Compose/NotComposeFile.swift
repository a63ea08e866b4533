import BattenYAML

extension Diagnostic {
    /// A file loaded as Compose (named on the command line, included, extended) whose top level is
    /// not a mapping: often no YAML at all (`.git-credentials`), so none of its lines is quoted.
    static func notComposeMapping(_ node: NodeRef, root: SourcedTree) -> Diagnostic {
        var diagnostic = Diagnostic(.error, at: node, "a Compose file must be a mapping at the top level, not \(root.kindDescription)")
        diagnostic.quotesSource = false
        return diagnostic
    }
}
