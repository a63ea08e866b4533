import BattenYAML

/// A `!reset` or `!override` tag met while reading a file, by the key path of the tagged value.
struct ComposeDirective: Sendable {
    enum Kind: Sendable, Hashable {
        /// `!reset`: the value is removed from what was merged before, and from this file.
        case reset
        /// `!override`: the value replaces what was merged before instead of merging with it.
        case override
    }

    var kind: Kind
    /// Mapping keys from the document root (`["services", "web", "ports"]`).
    var path: [String]
    var node: NodeRef
}

/// Reads a YAML document into a ``SourcedTree``: aliases followed, `<<` merge keys applied, every scalar
/// value interpolated (keys never are), `!reset` / `!override` recorded as directives. Each scalar keeps
/// its node and its text as written.
struct ComposeTreeBuilder {
    let document: YAMLDocument
    let environment: [String: String]
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var directives: [ComposeDirective] = []
    /// Each scalar read so far, by node index (an alias is read once, so its problems are reported once).
    private var scalars: [SourcedScalar?] = []
    /// The key path of the node being built; components are spelt out only when a message or a
    /// directive needs them.
    private var path: [PathComponent] = []

    private enum PathComponent {
        case key(String)
        case index(Int)

        var text: String {
            switch self {
            case .key(let key): return key
            case .index(let index): return "[\(index)]"
            }
        }
    }

    init(document: YAMLDocument, environment: [String: String]) {
        self.document = document
        self.environment = environment
    }

    /// The tree of the whole document (nil for an empty document).
    mutating func buildRoot() -> SourcedTree? {
        guard let root = document.root, !document.isEmpty else { return nil }
        path.removeAll()
        return build(root)
    }

    private var pathComponents: [String] { path.map(\.text) }

    private mutating func build(_ id: NodeID) -> SourcedTree {
        let target = document.resolve(id)
        let ref = document.ref(target)
        switch document.tag(target) {
        case "!reset": directives.append(ComposeDirective(kind: .reset, path: pathComponents, node: ref))
        case "!override": directives.append(ComposeDirective(kind: .override, path: pathComponents, node: ref))
        default: break
        }
        switch document.kind(target) {
        case .scalar:
            return .scalar(scalar(target))
        case .sequence:
            var items: [SourcedTree] = []
            for (index, item) in document.children(target).enumerated() {
                let resolved = document.resolve(item)
                if document.tag(resolved) == "!reset" { continue }
                path.append(.index(index))
                items.append(build(item))
                path.removeLast()
            }
            return .sequence(items, node: ref)
        case .mapping:
            var entries: [SourcedTreeEntry] = []
            for entry in document.entries(of: target) {
                guard let name = entry.name else {
                    diagnostics.append(Diagnostic(.error, at: document.ref(entry.key), "mapping keys must be strings"))
                    continue
                }
                path.append(.key(name))
                let value = build(entry.value)
                path.removeLast()
                entries.append(SourcedTreeEntry(key: name, keyNode: document.ref(entry.key), value: value))
            }
            return .mapping(entries, node: ref)
        case .alias:
            return .scalar(SourcedScalar(value: "null", raw: nil, kind: .literal, node: ref))
        }
    }

    private mutating func scalar(_ id: NodeID) -> SourcedScalar {
        let index = Int(id.index)
        if scalars.isEmpty { scalars = Array(repeating: nil, count: document.nodeCount) }
        if let cached = scalars[index] { return cached }
        let ref = document.ref(id)
        let raw = document.scalar(id) ?? ""
        let tag = document.tag(id)
        let plain = document.style(id) == .plain
        let kind: YAMLValue.ScalarKind =
            plain && tag != "!!str" && ScalarResolution.plainType(raw) != .string ? .literal : .string
        var value = raw
        if raw.containsASCII("$") && raw.contains("$") {
            let result = Interpolation.interpolate(raw) { environment[$0] }
            value = result.value
            var reported = Set<Interpolation.Problem>()
            for problem in result.problems where reported.insert(problem).inserted {
                switch problem {
                case .unset:
                    diagnostics.append(Diagnostic(.warning, at: ref, problem.message))
                case .required:
                    // Docker Compose refuses to render the project; an audit goes on with an empty value,
                    // so that a pipeline without the deployment's secrets can still check it.
                    diagnostics.append(Diagnostic(.warning, at: ref, problem.message))
                case .invalid:
                    let location = pathComponents.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
                    diagnostics.append(
                        Diagnostic(
                            .error, at: ref,
                            // The value is not repeated: it may be a secret (the excerpt masks it).
                            "invalid interpolation format for \(location); write $$ for a literal $"))
                }
            }
        }
        let result = SourcedScalar(value: value, raw: raw, kind: kind, node: ref)
        scalars[index] = result
        return result
    }
}
