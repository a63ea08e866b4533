import BattenYAML

/// The Compose merge: how a later file (or an extending service) combines with what came before.
///
/// Mappings merge key by key; scalars are replaced; sequences are appended (``ComposeUniqueness``
/// then removes repeats by each field's key); `command`, `entrypoint`, `healthcheck.test` and each
/// `ulimits` entry are replaced whole. `!reset` / `!override` are applied first
/// through ``apply(_:to:)``. Values keep the node that set them.
enum ComposeMerge {
    /// Removes from `base` every value a `!reset` or `!override` directive of the incoming file names.
    /// `prefix` is dropped from the directive paths first (a service's own directives for `extends`).
    static func apply(_ directives: [ComposeDirective], to base: SourcedTree, below prefix: [String] = []) -> SourcedTree {
        var result = base
        for directive in directives where directive.path.starts(with: prefix) && directive.path.count > prefix.count {
            let relative = directive.path.dropFirst(prefix.count)
            guard !relative.contains(where: { $0.hasPrefix("[") }) else { continue }
            result = result.removing(relative)
        }
        return result
    }

    /// Removes from a file's own tree the values tagged `!reset`.
    static func stripResets(_ directives: [ComposeDirective], from tree: SourcedTree, below prefix: [String] = []) -> SourcedTree {
        apply(directives.filter { $0.kind == .reset }, to: tree, below: prefix)
    }

    /// `override` merged onto `base`. `path` is the key path of both from the project root
    /// (`["services", "web"]` for a service), which selects the special rules.
    static func merge(_ base: SourcedTree, _ override: SourcedTree, path: [String]) -> SourcedTree {
        if replacesWhole(path) { return override }
        switch (base, override) {
        case (.mapping(let baseEntries, _), .mapping(let overrideEntries, let node)):
            var entries = baseEntries
            for entry in overrideEntries {
                guard let index = entries.firstIndex(where: { $0.key == entry.key }) else {
                    entries.append(entry)
                    continue
                }
                let merged = merge(entries[index].value, entry.value, path: path + [entry.key])
                entries[index] = SourcedTreeEntry(key: entry.key, keyNode: entry.keyNode, value: merged)
            }
            return .mapping(entries, node: node)
        case (.sequence(let baseItems, _), .sequence(let overrideItems, let node)):
            return .sequence(baseItems + overrideItems, node: node)
        default:
            return override
        }
    }

    /// True for the fields an override replaces instead of merging.
    static func replacesWhole(_ path: [String]) -> Bool {
        guard path.count >= 3, path[0] == "services" else { return false }
        let relative = Array(path.dropFirst(2))
        switch relative.count {
        case 1: return relative[0] == "command" || relative[0] == "entrypoint"
        case 2: return (relative[0] == "healthcheck" && relative[1] == "test") || relative[0] == "ulimits"
        default: return false
        }
    }
}
