import BattenYAML

/// Finds nodes of one parsed document by ``NodePath``, with the keys of every mapping it walks
/// indexed once: a file with thousands of services or documents is searched in time proportional to
/// the path, not to the size of the mappings on the way.
final class NodeLocator {
    let document: YAMLDocument
    private var keyIndexes: [NodeID: [String: NodeID]] = [:]

    init(document: YAMLDocument) {
        self.document = document
    }

    /// The node at `path` in the document (physical structure: no merges, no aliases), like
    /// ``NodePath/locate(in:)``.
    func locate(_ path: NodePath) -> NodeID? {
        guard var current = document.root else { return nil }
        for component in path.components {
            switch component {
            case .key(let name):
                guard document.kind(current) == .mapping, let value = value(forKey: name, in: current) else { return nil }
                current = value
            case .index(let index):
                let items = document.children(current)
                guard document.kind(current) == .sequence, index < items.count else { return nil }
                current = items[items.startIndex + index]
            }
        }
        return current
    }

    /// True when the mapping has a key written as `name` (merged keys do not count).
    func hasKey(_ name: String, in mapping: NodeID) -> Bool {
        value(forKey: name, in: mapping) != nil
    }

    /// The value of the first key written as `name` in a mapping.
    private func value(forKey name: String, in mapping: NodeID) -> NodeID? {
        let list = document.children(mapping)
        // Small mappings are searched in place; an index pays off only for large ones.
        if list.count < 32 {
            var index = list.startIndex
            while index + 1 < list.endIndex {
                if document.scalar(list[index]) == name { return list[index + 1] }
                index += 2
            }
            return nil
        }
        if let known = keyIndexes[mapping] { return known[name] }
        var keys: [String: NodeID] = [:]
        var index = list.startIndex
        while index + 1 < list.endIndex {
            if let text = document.scalar(list[index]), keys[text] == nil { keys[text] = list[index + 1] }
            index += 2
        }
        keyIndexes[mapping] = keys
        return keys[name]
    }
}
