import BattenYAML

/// The meaning of a change on a detached value: what the file must mean after the fixer's edit.
extension YAMLValue {
    /// The value with `operation` applied at `path` (mapping keys); missing or null parents become
    /// mappings. Nil when the path runs through a scalar or a sequence.
    func applying(_ operation: Change.Operation, at path: [String]) -> YAMLValue? {
        guard let key = path.first else { return nil }
        var entries: [Entry]
        switch content {
        case .mapping(let existing): entries = existing
        case .scalar(let text, _) where ScalarResolution.isNull(text): entries = []
        default: return nil
        }
        let index = entries.firstIndex { $0.key.scalarText == key }
        if path.count > 1 {
            let child = index.map { entries[$0].value } ?? .mapping([])
            guard let updated = child.applying(operation, at: Array(path.dropFirst())) else { return nil }
            if let index {
                entries[index].value = updated
            } else {
                switch operation {
                case .remove, .removeItem, .replaceItem, .renameKey: return self
                case .set, .append: entries.append(Entry(.string(key), updated))
                }
            }
            return YAMLValue(.mapping(entries), tag: tag, flow: flow)
        }
        switch operation {
        case .set(let value):
            if let index { entries[index].value = value } else { entries.append(Entry(.string(key), value)) }
        case .append(let item):
            if let index {
                let current = entries[index].value
                switch current.content {
                case .sequence(let items):
                    if !items.contains(item) { entries[index].value = YAMLValue(.sequence(items + [item]), tag: current.tag, flow: current.flow) }
                case .scalar(let text, _) where ScalarResolution.isNull(text) && current.tag == nil:
                    entries[index].value = .sequence([item])
                case .scalar:
                    if current != item { entries[index].value = .sequence([current, item]) }
                case .mapping:
                    return nil
                }
            } else {
                entries.append(Entry(.string(key), .sequence([item])))
            }
        case .removeItem(let item):
            guard let index else { return self }
            let current = entries[index].value
            guard case .sequence(let items) = current.content else { return current == item ? nil : self }
            entries[index].value = YAMLValue(.sequence(items.filter { $0 != item }), tag: current.tag, flow: current.flow)
        case .replaceItem(let old, let new):
            guard let index else { return self }
            let current = entries[index].value
            guard case .sequence(let items) = current.content else { return self }
            entries[index].value = YAMLValue(.sequence(items.map { $0 == old ? new : $0 }), tag: current.tag, flow: current.flow)
        case .remove:
            guard let index else { return self }
            entries.remove(at: index)
        case .renameKey(let name):
            guard let index else { return self }
            if entries.contains(where: { $0.key.scalarText == name }) {
                // The right key is already there: the misspelt one only goes.
                entries.remove(at: index)
            } else {
                entries[index].key = .string(name)
            }
        }
        return YAMLValue(.mapping(entries), tag: tag, flow: flow)
    }

    /// The value at a node path, or nil.
    func value(at components: [NodePath.Component]) -> YAMLValue? {
        var current = self
        for component in components {
            switch (component, current.content) {
            case (.key(let name), .mapping(let entries)):
                guard let next = entries.first(where: { $0.key.scalarText == name }) else { return nil }
                current = next.value
            case (.index(let index), .sequence(let items)):
                guard index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The value with the node at `components` replaced by `transform` of it; nil when absent.
    func replacing(at components: [NodePath.Component], _ transform: (YAMLValue) -> YAMLValue?) -> YAMLValue? {
        guard let first = components.first else { return transform(self) }
        let rest = Array(components.dropFirst())
        switch (first, content) {
        case (.key(let name), .mapping(var entries)):
            guard let index = entries.firstIndex(where: { $0.key.scalarText == name }),
                let updated = entries[index].value.replacing(at: rest, transform)
            else { return nil }
            entries[index].value = updated
            return YAMLValue(.mapping(entries), tag: tag, flow: flow)
        case (.index(let index), .sequence(var items)):
            guard index < items.count, let updated = items[index].replacing(at: rest, transform) else { return nil }
            items[index] = updated
            return YAMLValue(.sequence(items), tag: tag, flow: flow)
        default:
            return nil
        }
    }

    /// Replaces the node at `components` by `transform` of it, in place: the collections on the way
    /// are not copied, so that many changes to one large document cost what the changes cost. False
    /// (and the value unchanged) when the node is absent or `transform` gives nil.
    mutating func update(at components: ArraySlice<NodePath.Component>, _ transform: (YAMLValue) -> YAMLValue?) -> Bool {
        guard let first = components.first else {
            guard let updated = transform(self) else { return false }
            self = updated
            return true
        }
        let rest = components.dropFirst()
        switch first {
        case .key(let name):
            guard case .mapping(var entries) = content,
                let index = entries.firstIndex(where: { $0.key.scalarText == name })
            else { return false }
            // Drop this value's reference to the entries so that they are changed where they are.
            content = .scalar("", .literal)
            let applied = entries[index].value.update(at: rest, transform)
            content = .mapping(entries)
            return applied
        case .index(let index):
            guard case .sequence(var items) = content, index < items.count else { return false }
            content = .scalar("", .literal)
            let applied = items[index].update(at: rest, transform)
            content = .sequence(items)
            return applied
        }
    }
}
