import BattenYAML

/// How rules propose to replace one item of a Compose list (`volumes`, `ports`) by another: one
/// `.replaceItem(old, with: new)` change on the list, where `old` is the item exactly as written
/// (before interpolation) and `existing` is the list that holds it, so that the fixer edits the file
/// that wrote the item.
///
/// The in-place fixer edits the item where it stands (position, comments and the style of its
/// neighbours kept); the override fixer writes the list with the new item, and for lists that Compose
/// concatenates rather than merges by key (`ports`) it uses `!override` so that the old item is gone.
enum SequenceItemReplacement {
    /// The change that replaces the item at `item` by `replacement` in the service's `key` list.
    static func changes(key: String, item: NodeRef, replacement: YAMLValue, service: NodeRef) -> [Change] {
        [
            Change(
                scope: .service, path: [key], operation: .replaceItem(writtenValue(item), with: replacement),
                target: service, existing: item.parent ?? item)
        ]
    }

    /// The item as written in its file: the value `.removeItem` matches.
    static func writtenValue(_ item: NodeRef) -> YAMLValue {
        item.document.value(item.id)
    }

    /// `mapping` with `key` set to `value`: an existing entry is replaced in place, else one is appended.
    static func setting(_ key: String, to value: YAMLValue, in mapping: YAMLValue) -> YAMLValue {
        var entries = mapping.entries ?? []
        if let index = entries.firstIndex(where: { $0.key.scalarText == key }) {
            entries[index].value = value
        } else {
            entries.append(YAMLValue.Entry(.string(key), value))
        }
        return YAMLValue(.mapping(entries), tag: mapping.tag, flow: mapping.flow)
    }
}
