import BattenYAML

/// Where a node sits in its document, as keys and indices from the root — stable across edits that
/// do not add or remove its ancestors, so a node can be found again after the text changed.
struct NodePath: Hashable, Sendable, CustomStringConvertible {
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    var documentIndex: Int
    var components: [Component]

    /// The path of `node` through its physical parents; nil when an ancestor key is not a scalar.
    init?(_ node: NodeRef) {
        let document = node.document
        var components: [Component] = []
        var current = node.id
        while let parent = document.parent(current) {
            if document.kind(parent) == .mapping {
                guard let key = document.key(ofValue: current), let text = document.scalar(key) else { return nil }
                components.append(.key(text))
            } else {
                guard let index = document.children(parent).firstIndex(of: current) else { return nil }
                components.append(.index(index - document.children(parent).startIndex))
            }
            current = parent
        }
        self.documentIndex = document.index
        self.components = components.reversed()
    }

    /// The node at this path in `document`, following the physical structure (no merges, no aliases).
    func locate(in document: YAMLDocument) -> NodeID? {
        guard var current = document.root else { return nil }
        for component in components {
            switch component {
            case .key(let name):
                guard document.kind(current) == .mapping,
                    let pair = document.pairs(current).first(where: { document.scalar($0.key) == name })
                else { return nil }
                current = pair.value
            case .index(let index):
                let items = document.children(current)
                guard document.kind(current) == .sequence, index < items.count else { return nil }
                current = items[items.startIndex + index]
            }
        }
        return current
    }

    var description: String {
        components.map { component in
            switch component {
            case .key(let name): return name
            case .index(let index): return "[\(index)]"
            }
        }.joined(separator: ".")
    }
}
