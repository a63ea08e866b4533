import BattenYAML

/// A merged Compose service as its files wrote it: scalars before interpolation (an override that
/// carries a value over keeps its `${…}` references), list items exactly as rules' `.replaceItem` and
/// `.removeItem` changes name them, `<<` merge keys flattened.
///
/// A relative bind source written in a file of another directory (an `extends` or `include` file) is
/// re-anchored on the project directory: Compose resolves every relative path of a `-f` file, the
/// override included, against the project directory.
struct ComposeWrittenValue {
    let paths: ComposePathResolver

    /// The service mapping.
    func service(_ tree: SourcedTree) -> YAMLValue {
        guard case .mapping(let entries, _) = tree else { return value(tree) }
        return .mapping(
            entries.map { entry in
                if entry.key == "volumes", case .sequence(let items, _) = entry.value {
                    return (entry.key, .sequence(items.map(volume)))
                }
                return (entry.key, value(entry.value))
            })
    }

    func value(_ tree: SourcedTree) -> YAMLValue {
        switch tree {
        case .scalar(let scalar):
            return YAMLValue(.scalar(scalar.raw ?? scalar.value, scalar.kind))
        case .sequence(let items, _):
            return .sequence(items.map(item))
        case .mapping(let entries, _):
            return .mapping(entries.map { ($0.key, value($0.value)) })
        }
    }

    /// A list item: the node it was read from, as written.
    private func item(_ tree: SourcedTree) -> YAMLValue {
        guard let node = tree.node else { return value(tree) }
        return node.document.value(node.id, applyMerges: true)
    }

    private func volume(_ tree: SourcedTree) -> YAMLValue {
        let written = item(tree)
        let base = paths.base(for: tree.node)
        guard base != paths.projectDirectory else { return written }
        return reanchored(written, from: base)
    }

    /// A rule's change as it applies to the merged service that ``service(_:)`` writes: a `volumes`
    /// item re-anchored (``reanchored(_:)-(Change)``), a `KEY=VALUE` list item as its mapping entry
    /// (``byName(_:)``).
    func merged(_ change: Change) -> Change {
        byName(reanchored(change))
    }

    /// A change to a `KEY=VALUE` item of a list-form `environment` (or `labels`, `annotations`,
    /// `sysctls`) as the change of its entry in the mapping of the merged service, and a renamed
    /// variable as its removal: Compose turns both
    /// forms into one mapping and merges it by name whatever the form of each file, so where a file
    /// has `- NAME=value`, the override sets `NAME: new value` (or removes `NAME`).
    func byName(_ change: Change) -> Change {
        if change.path.count == 2, let key = change.path.first, ComposeShapes.keyValueKeys.contains(key),
            case .renameKey = change.operation
        {
            // A variable renamed (`NAME` to `NAME_FILE`, whose value a following change sets): the
            // merged mapping loses the old name.
            var result = change
            result.operation = .remove
            return result
        }
        guard change.path.count == 1, let key = change.path.first, ComposeShapes.keyValueKeys.contains(key) else {
            return change
        }
        var result = change
        switch change.operation {
        case .replaceItem(let old, let new):
            // The new item names the variable as the merged mapping does (`${PREFIX}_PASSWORD=…` was
            // interpolated to `APP_PASSWORD`).
            guard Self.keyValue(old) != nil, let after = Self.keyValue(new) else { return change }
            result.path = [key, after.name]
            result.operation = .set(after.value)
        case .append(let new):
            guard let after = Self.keyValue(new) else { return change }
            result.path = [key, after.name]
            result.operation = .set(after.value)
        case .removeItem(let old):
            guard let before = Self.keyValue(old) else { return change }
            result.path = [key, before.name]
            result.operation = .remove
        case .set, .remove, .renameKey:
            return change
        }
        return result
    }

    /// The name and value of a `KEY=VALUE` item (a bare `KEY` has a null value), as Compose reads it.
    static func keyValue(_ item: YAMLValue) -> (name: String, value: YAMLValue)? {
        guard case .scalar(let text, _) = item.content else { return nil }
        guard let equals = text.firstIndex(of: "=") else {
            return text.isEmpty ? nil : (text, .null)
        }
        let name = String(text[..<equals])
        guard !name.isEmpty else { return nil }
        return (name, .string(String(text[text.index(after: equals)...])))
    }

    /// A change to a `volumes` item written in a file of another directory, with the item re-anchored
    /// as ``service(_:)`` writes it.
    func reanchored(_ change: Change) -> Change {
        guard change.path == ["volumes"], let existing = change.existing else { return change }
        let base = paths.base(for: existing)
        guard base != paths.projectDirectory else { return change }
        var result = change
        switch change.operation {
        case .removeItem(let item):
            result.operation = .removeItem(reanchored(item.flatteningMergeKeys(), from: base))
        case .replaceItem(let old, let new):
            result.operation = .replaceItem(
                reanchored(old.flatteningMergeKeys(), from: base), with: reanchored(new.flatteningMergeKeys(), from: base))
        case .set, .append, .remove, .renameKey:
            break
        }
        return result
    }

    /// A `volumes` item whose relative source is resolved against `base`, rewritten relative to the
    /// project directory.
    func reanchored(_ item: YAMLValue, from base: String) -> YAMLValue {
        if case .scalar(let text, let kind) = item.content {
            guard let colon = text.firstIndex(of: ":") else { return item }
            let source = String(text[..<colon])
            guard BindMountRule.isRelative(source) else { return item }
            return YAMLValue(.scalar(anchored(source, base: base) + text[colon...], kind), tag: item.tag)
        }
        guard var entries = item.entries,
            let index = entries.firstIndex(where: { $0.key.scalarText == "source" }),
            let source = entries[index].value.scalarText, BindMountRule.isRelative(source)
        else { return item }
        entries[index].value = .string(anchored(source, base: base))
        return YAMLValue(.mapping(entries), tag: item.tag, flow: item.flow)
    }

    private func anchored(_ source: String, base: String) -> String {
        let target = ComposePaths.resolve(source, against: base)
        let relative = OverridePaths.relative(from: paths.projectDirectory, to: target)
        if relative == "." { return "." }
        return relative.hasPrefix("../") || relative == ".." ? relative : "./" + relative
    }
}
