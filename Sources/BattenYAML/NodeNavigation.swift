extension YAMLDocument {
    /// For a value of a mapping entry, the key node of that entry; nil for keys, sequence items and roots.
    public func key(ofValue id: NodeID) -> NodeID? {
        guard let parent = parent(id), kind(parent) == .mapping else { return nil }
        let list = children(parent)
        guard let index = childIndex(of: id, in: list), (index - list.startIndex) % 2 == 1 else { return nil }
        return list[index - 1]
    }

    /// True when the node is the key of a mapping entry.
    public func isKey(_ id: NodeID) -> Bool {
        guard let parent = parent(id), kind(parent) == .mapping else { return false }
        let list = children(parent)
        guard let index = childIndex(of: id, in: list) else { return false }
        return (index - list.startIndex) % 2 == 0
    }

    /// Where `id` is in `list`, a collection's children: they are in document order, which is the
    /// order of their indices, so a binary search finds it (a mapping of 1,000 entries aliased by
    /// every service asked this for each of its values).
    private func childIndex(of id: NodeID, in list: ArraySlice<NodeID>) -> Int? {
        var low = list.startIndex
        var high = list.endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if list[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < list.endIndex && list[low] == id ? low : nil
    }
}

extension NodeRef {
    /// The key of the mapping entry this node is the value of, if it is one.
    public var keyNode: NodeRef? { document.key(ofValue: id).map { NodeRef(document: document, id: $0) } }

    /// The range from the entry's key (when the node is a mapping value) to the node's end:
    /// `privileged: true` rather than `true`.
    public var entryRange: (start: SourcePosition, end: SourcePosition) {
        (keyNode?.start ?? start, end)
    }
}
