import BattenYAML

/// Resolves the relative paths of a loaded project (bind sources, build contexts, env files, secret
/// and config files): a value is relative to the project directory when it comes from a `-f` file,
/// to its own file's directory when it comes from an `extends` file, and to the included project's
/// directory when it comes from an `include`.
struct ComposePathResolver: Sendable {
    var projectDirectory: String
    var bases: [ObjectIdentifier: String]
    var home: String?

    /// The directory relative paths written at `node` are resolved against.
    func base(for node: NodeRef?) -> String {
        guard let node else { return projectDirectory }
        return bases[ObjectIdentifier(node.document)] ?? projectDirectory
    }

    /// A host path with `~` expanded and a relative path made absolute.
    func resolve(_ path: String, at node: NodeRef?) -> String {
        let expanded = ComposePaths.expandHome(path, home: home)
        return ComposePaths.resolve(expanded, against: base(for: node))
    }
}
