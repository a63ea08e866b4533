import BattenYAML

/// A service of the project being assembled, with provenance.
struct ComposeServiceState: Sendable {
    var name: String
    var tree: SourcedTree
    /// The service's key in the first file that defines it.
    var keyNode: NodeRef
    /// The service mapping in that file.
    var mapping: NodeRef
    /// Every service mapping that contributed, in merge order.
    var definitions: [NodeRef]
}

/// Applies `extends`: `extends: name` (same file) and `extends: {service, file}` (another file, its path
/// relative to the extending file), chained, with cycles reported. The base service is merged under the
/// extending one with the merge rules; the extending service's `!reset` / `!override` remove values
/// of the base. Relative paths of a base from another file stay relative to that file.
struct ExtendsResolver {
    /// Longest `extends` chain followed.
    static let maximumChain = 64

    let environment: [String: String]
    private var files: [String: ComposeFileServices] = [:]
    private var resolved: [String: ComposeServiceState] = [:]

    init(environment: [String: String]) {
        self.environment = environment
    }

    /// Makes a file's services known, so that `extends: {file: …}` naming it reuses them.
    mutating func register(_ file: ComposeFileServices) {
        if files[file.absolutePath] == nil { files[file.absolutePath] = file }
    }

    /// The service `name` of `file` with its `extends` chain applied; nil when the file has no such service.
    mutating func resolve(_ name: String, in file: ComposeFileServices, state: inout ComposeLoadState) -> ComposeServiceState? {
        resolve(name, in: file, chain: [], state: &state)
    }

    private struct Link {
        var file: String
        var display: String
        var service: String
    }

    private mutating func resolve(
        _ name: String, in file: ComposeFileServices, chain: [Link], state: inout ComposeLoadState
    ) -> ComposeServiceState? {
        let memoKey = file.identity + "\u{0}" + name
        if let done = resolved[memoKey] { return done }
        guard let raw = file.services[name] else { return nil }
        let own = ComposeServiceState(
            name: name, tree: raw.tree.removingKey("extends"), keyNode: raw.keyNode, mapping: raw.mapping,
            definitions: [raw.mapping])
        guard let extends = raw.tree["extends"] else {
            resolved[memoKey] = own
            return own
        }
        guard let reference = parseReference(extends, service: name, state: &state) else {
            resolved[memoKey] = own
            return own
        }
        var baseFile = file
        if let path = reference.file {
            let display = ComposePaths.join(ComposePaths.directory(of: file.displayPath), path.value)
            guard let loaded = loadFile(display, reference: path.node, state: &state) else {
                resolved[memoKey] = own
                return own
            }
            baseFile = loaded
        }
        guard baseFile.services[reference.service.value] != nil else {
            let location = baseFile.absolutePath == file.absolutePath ? "" : " in \(baseFile.displayPath)"
            state.diagnostics.append(
                Diagnostic(
                    .error, at: reference.service.node,
                    "cannot extend service \"\(name)\": service \"\(reference.service.value)\" not found\(location)"))
            resolved[memoKey] = own
            return own
        }
        let links = chain + [Link(file: file.identity, display: file.displayPath, service: name)]
        guard links.count <= Self.maximumChain else {
            state.diagnostics.append(
                Diagnostic(
                    .error, at: extends.node ?? raw.keyNode, "extends chain is longer than \(Self.maximumChain) services"))
            resolved[memoKey] = own
            return own
        }
        if links.contains(where: { $0.file == baseFile.identity && $0.service == reference.service.value }) {
            let cycle = (links + [Link(file: baseFile.identity, display: baseFile.displayPath, service: reference.service.value)])
                .map { "\($0.service) in \($0.display)" }
                .joined(separator: " extends ")
            state.diagnostics.append(Diagnostic(.error, at: extends.node ?? raw.keyNode, "circular extends: \(cycle)"))
            resolved[memoKey] = own
            return own
        }
        guard let base = resolve(reference.service.value, in: baseFile, chain: links, state: &state) else {
            resolved[memoKey] = own
            return own
        }
        let prefix = ["services", name]
        let baseTree = ComposeMerge.apply(raw.directives, to: base.tree, below: prefix)
        let merged = ComposeServiceState(
            name: name, tree: ComposeMerge.merge(baseTree, own.tree, path: prefix), keyNode: raw.keyNode,
            mapping: raw.mapping, definitions: base.definitions + [raw.mapping])
        resolved[memoKey] = merged
        return merged
    }

    private struct Reference {
        var service: Sourced<String>
        var file: Sourced<String>?
    }

    private func parseReference(_ extends: SourcedTree, service name: String, state: inout ComposeLoadState) -> Reference? {
        switch extends {
        case .scalar(let scalar):
            if let text = extends.text, !text.isEmpty, let node = scalar.node {
                return Reference(service: Sourced(text, node))
            }
        case .mapping:
            if let service = extends["service"], let text = service.text, let node = service.node {
                var reference = Reference(service: Sourced(text, node))
                if let file = extends["file"] {
                    guard let path = file.text, let fileNode = file.node else {
                        if let node = file.node {
                            state.diagnostics.append(Diagnostic(.error, at: node, "extends.file must be a string"))
                        }
                        return nil
                    }
                    reference.file = Sourced(path, fileNode)
                }
                return reference
            }
        case .sequence:
            break
        }
        if let node = extends.node {
            state.diagnostics.append(
                Diagnostic(
                    .error, at: node,
                    "services.\(name).extends must be a service name or a mapping with service (and file)"))
        }
        return nil
    }

    private mutating func loadFile(_ display: String, reference: NodeRef, state: inout ComposeLoadState) -> ComposeFileServices? {
        let absolutePath = state.absolute(display)
        if let known = files[absolutePath] { return known }
        guard let stream = state.read(display, reference: reference, what: "extends file") else { return nil }
        var combined = ComposeFileServices(
            root: .mapping([], node: nil), directives: [], displayPath: stream.source.path, absolutePath: absolutePath,
            diagnostics: &state.diagnostics)
        for document in stream.documents where !document.isEmpty {
            state.setBase(ComposePaths.directory(of: absolutePath), for: document)
            var builder = ComposeTreeBuilder(document: document, environment: environment)
            guard let root = builder.buildRoot() else { continue }
            state.diagnostics += builder.diagnostics
            guard root.isMapping else {
                if let node = root.node { state.diagnostics.append(Diagnostic.notComposeMapping(node, root: root)) }
                continue
            }
            let services = ComposeFileServices(
                root: root, directives: builder.directives, displayPath: stream.source.path, absolutePath: absolutePath,
                diagnostics: &state.diagnostics)
            for name in services.order {
                if combined.services[name] == nil { combined.order.append(name) }
                combined.services[name] = services.services[name]
            }
        }
        files[absolutePath] = combined
        return combined
    }
}
