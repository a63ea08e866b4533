import BattenYAML

/// A service as one file writes it: shapes normalized, its own `!reset` values removed, and the
/// `!reset` / `!override` directives that apply to what it is merged onto.
struct ComposeRawService: Sendable {
    var name: String
    var keyNode: NodeRef
    var mapping: NodeRef
    var tree: SourcedTree
    /// Directives under `services.<name>`, with full paths.
    var directives: [ComposeDirective]
}

/// The services of one Compose document, in file order.
struct ComposeFileServices: Sendable {
    var displayPath: String
    var absolutePath: String
    /// Tells apart the documents of one file (the path alone for a whole file).
    var identity: String
    var order: [String] = []
    var services: [String: ComposeRawService] = [:]

    /// Reads `services` from a document's root tree. A `services` value that is not a mapping, and a
    /// service that is not a mapping, are errors at their node.
    init(
        root: SourcedTree, directives: [ComposeDirective], displayPath: String, absolutePath: String,
        document: Int? = nil, diagnostics: inout [Diagnostic]
    ) {
        self.displayPath = displayPath
        self.absolutePath = absolutePath
        self.identity = document.map { "\(absolutePath)#\($0)" } ?? absolutePath
        guard let value = root["services"], !value.isNull else { return }
        guard case .mapping(let entries, _) = value else {
            if let node = value.node {
                diagnostics.append(Diagnostic(.error, at: node, "services must be a mapping, not \(value.kindDescription)"))
            }
            return
        }
        let resetServices = Set(
            directives.compactMap { directive in
                directive.kind == .reset && directive.path.count == 2 && directive.path[0] == "services" ? directive.path[1] : nil
            })
        for entry in entries where !resetServices.contains(entry.key) {
            guard entry.value.isMapping, let mapping = entry.value.node, let keyNode = entry.keyNode else {
                if let node = entry.value.node ?? entry.keyNode {
                    diagnostics.append(
                        Diagnostic(
                            .error, at: node, "services.\(entry.key) must be a mapping, not \(entry.value.kindDescription)"))
                }
                continue
            }
            let prefix = ["services", entry.key]
            var tree = ComposeShapes.normalizeService(entry.value)
            tree = ComposeMerge.stripResets(directives, from: tree, below: prefix)
            let own = directives.filter { $0.path.count > 2 && $0.path.starts(with: prefix) }
            if services[entry.key] == nil { order.append(entry.key) }
            services[entry.key] = ComposeRawService(
                name: entry.key, keyNode: keyNode, mapping: mapping, tree: tree, directives: own)
        }
    }
}
