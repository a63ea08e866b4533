extension YAMLDocument {
    /// For a value of a mapping entry, the key node of that entry; nil for keys, sequence items and roots.
    public func key(ofValue id: NodeID) -> NodeID? {
        guard let parent = parent(id), kind(parent) == .mapping else { return nil }
        let list = children(parent)
        var index = list.startIndex
        while index + 1 < list.endIndex {
            if list[index + 1] == id { return list[index] }
            index += 2
        }
        return nil
    }

    /// True when the node is the key of a mapping entry.
    public func isKey(_ id: NodeID) -> Bool {
        guard let parent = parent(id), kind(parent) == .mapping else { return false }
        let list = children(parent)
        var index = list.startIndex
        while index < list.endIndex {
            if list[index] == id { return true }
            index += 2
        }
        return false
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
