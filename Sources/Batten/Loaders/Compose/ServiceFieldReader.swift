import BattenYAML

/// Typed access to the keys of a merged service; a value of the wrong kind is reported once, at its
/// node, as `services.<name>.<key> must be …`, and read as absent.
struct ServiceFieldReader {
    let name: String
    let tree: SourcedTree
    /// Where derived values without a node of their own point.
    let fallback: NodeRef
    var diagnostics: [Diagnostic] = []

    init(name: String, tree: SourcedTree, fallback: NodeRef) {
        self.name = name
        self.tree = tree
        self.fallback = fallback
    }

    mutating func report(_ value: SourcedTree?, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: value?.node ?? fallback, message))
    }

    mutating func reportWarning(_ value: SourcedTree?, _ message: String) {
        diagnostics.append(Diagnostic(.warning, at: value?.node ?? fallback, message))
    }

    /// A scalar as a string (numbers and booleans as written); nil when absent or null.
    mutating func string(_ key: String, in container: SourcedTree? = nil, path: String? = nil) -> Sourced<String>? {
        guard let value = (container ?? tree)[key], !value.isNull else { return nil }
        guard case .scalar(let scalar) = value else {
            report(value, "services.\(name).\(path ?? key) must be a string, not \(value.kindDescription)")
            return nil
        }
        return Sourced(scalar.value, scalar.node ?? fallback)
    }

    /// A boolean (`true`, `false` and the YAML 1.1 spellings, also after interpolation).
    mutating func bool(_ key: String, in container: SourcedTree? = nil, path: String? = nil) -> Sourced<Bool>? {
        guard let value = (container ?? tree)[key], !value.isNull else { return nil }
        guard case .scalar(let scalar) = value, let flag = ScalarResolution.bool(scalar.value) else {
            report(value, "services.\(name).\(path ?? key) must be a boolean, not \(value.kindDescription)")
            return nil
        }
        return Sourced(flag, scalar.node ?? fallback)
    }

    /// A list; nil when absent or null.
    mutating func list(_ key: String, in container: SourcedTree? = nil, path: String? = nil) -> (items: [SourcedTree], node: NodeRef?)? {
        guard let value = (container ?? tree)[key], !value.isNull else { return nil }
        guard case .sequence(let items, let node) = value else {
            report(value, "services.\(name).\(path ?? key) must be a list, not \(value.kindDescription)")
            return nil
        }
        return (items, node)
    }

    /// A list of strings; items of another kind are reported and skipped.
    mutating func strings(_ key: String, path: String? = nil) -> (items: [Sourced<String>], node: NodeRef?) {
        guard let list = list(key, path: path) else { return ([], nil) }
        var result: [Sourced<String>] = []
        for item in list.items {
            guard case .scalar(let scalar) = item, !item.isNull else {
                report(item, "services.\(name).\(path ?? key) items must be strings, not \(item.kindDescription)")
                continue
            }
            result.append(Sourced(scalar.value, scalar.node ?? fallback))
        }
        return (result, list.node)
    }

    /// A mapping; nil when absent or null.
    mutating func mapping(_ key: String, in container: SourcedTree? = nil, path: String? = nil) -> SourcedTree? {
        guard let value = (container ?? tree)[key], !value.isNull else { return nil }
        guard value.isMapping else {
            report(value, "services.\(name).\(path ?? key) must be a mapping, not \(value.kindDescription)")
            return nil
        }
        return value
    }

    /// A `KEY=VALUE` list or mapping (already normalized to a mapping) as entries.
    mutating func keyValues(_ key: String) -> [SourcedTreeEntry] {
        guard let value = tree[key], !value.isNull else { return [] }
        guard case .mapping(let entries, _) = value else {
            report(value, "services.\(name).\(key) must be a mapping or a list, not \(value.kindDescription)")
            return []
        }
        var result: [SourcedTreeEntry] = []
        for entry in entries {
            if case .scalar = entry.value {
                result.append(entry)
            } else {
                report(entry.value, "services.\(name).\(key).\(entry.key) must be a string, a number, a boolean or null")
            }
        }
        return result
    }
}
