import BattenYAML

/// Where a value sits in a Kubernetes object: the keys and list items from the object's root,
/// with each list item's merge key (`name`, `containerPort`) so that the same item is found in a
/// patch or a base that lists it at another index.
struct KustomizeValuePath: Sendable, Hashable {
    enum Component: Sendable, Hashable {
        case key(String)
        /// A list item: its index in the rendered object and the value of its merge key, if any.
        case item(index: Int, mergeKey: String?)
    }

    var components: [Component]

    /// Keys that identify an item of a Kubernetes list in a strategic merge, in the order tried.
    static let mergeKeys = ["name", "containerPort", "mountPath", "devicePath", "ip"]

    /// The path of the deepest node of `document` that holds byte `offset`; a key that holds it
    /// ends the path at its entry. Nil when the offset is outside the document's root.
    static func at(offset: Int, in document: YAMLDocument) -> (path: KustomizeValuePath, node: NodeID)? {
        at(range: offset..<offset, in: document)
    }

    /// The path of the deepest node of `document` that holds all of `range` (a finding's whole
    /// node: a container's mapping stays the mapping, not its first key, which kustomize's sorted
    /// output may make its `image`); an empty range is the byte at its start.
    static func at(range: Range<Int>, in document: YAMLDocument) -> (path: KustomizeValuePath, node: NodeID)? {
        func holds(_ node: Range<Int>) -> Bool {
            range.isEmpty ? node.contains(range.lowerBound) : node.lowerBound <= range.lowerBound && range.upperBound <= node.upperBound
        }
        guard let root = document.root, holds(document.range(root)) else { return nil }
        var components: [Component] = []
        var current = root
        descending: while true {
            switch document.kind(current) {
            case .mapping:
                for pair in document.pairs(current) {
                    let keyRange = document.range(pair.key)
                    let valueRange = document.range(pair.value)
                    // A finding on a mapping value spans its entry, from the key to the value's end.
                    let entry = keyRange.lowerBound..<max(keyRange.upperBound, valueRange.upperBound)
                    guard holds(keyRange) || holds(valueRange) || (!range.isEmpty && holds(entry)),
                        let name = document.scalar(pair.key)
                    else {
                        continue
                    }
                    components.append(.key(name))
                    if holds(keyRange) { return (KustomizeValuePath(components: components), pair.value) }
                    current = pair.value
                    continue descending
                }
                break descending
            case .sequence:
                for (index, item) in document.children(current).enumerated() where holds(document.range(item)) {
                    components.append(.item(index: index, mergeKey: mergeKey(of: item, in: document)))
                    current = item
                    continue descending
                }
                break descending
            default:
                break descending
            }
        }
        return (KustomizeValuePath(components: components), current)
    }

    /// The path of `node` from the root of `document`; nil when it is not below the root.
    static func of(_ node: NodeID, in document: YAMLDocument) -> KustomizeValuePath? {
        guard let root = document.root else { return nil }
        var components: [Component] = []
        var current = node
        while current != root {
            guard let parent = document.parent(current) else { return nil }
            switch document.kind(parent) {
            case .mapping:
                guard let key = document.key(ofValue: current), let text = document.scalar(key) else { return nil }
                components.append(.key(text))
            case .sequence:
                guard let index = Array(document.children(parent)).firstIndex(of: current) else { return nil }
                components.append(.item(index: index, mergeKey: mergeKey(of: current, in: document)))
            default:
                return nil
            }
            current = parent
        }
        return KustomizeValuePath(components: components.reversed())
    }

    /// The merge key of a list item: the first of ``mergeKeys`` it has a scalar for.
    static func mergeKey(of item: NodeID, in document: YAMLDocument) -> String? {
        let target = document.resolve(item)
        guard document.kind(target) == .mapping else { return nil }
        for key in mergeKeys {
            if let value = document.value(forKey: key, in: target), let text = document.scalar(document.resolve(value)) {
                return text
            }
        }
        return nil
    }

    /// The node at this path below `start` in `document` (an item found by its merge key, else by
    /// its index), or the deepest node reached and how many components it matched.
    func find(in document: YAMLDocument, from start: NodeID) -> (node: NodeID, matched: Int) {
        var current = document.resolve(start)
        var matched = 0
        for component in components {
            switch component {
            case .key(let name):
                guard document.kind(current) == .mapping, let value = document.value(forKey: name, in: current) else {
                    return (current, matched)
                }
                current = value
            case .item(let index, let mergeKey):
                guard document.kind(current) == .sequence else { return (current, matched) }
                let items = Array(document.children(current))
                let found: NodeID?
                if let mergeKey {
                    found = items.first { Self.mergeKey(of: $0, in: document) == mergeKey }
                } else {
                    found = index < items.count ? items[index] : nil
                }
                guard let found else { return (current, matched) }
                current = found
            }
            matched += 1
            current = document.resolve(current)
        }
        return (current, matched)
    }

    /// The path without its first `count` components.
    func dropping(_ count: Int) -> KustomizeValuePath {
        KustomizeValuePath(components: Array(components.dropFirst(count)))
    }

    /// True when a JSON pointer (`/spec/template/spec/containers/0`), split into its tokens, names
    /// this path or one of its parents. `-` (the end of a list) matches any item.
    func starts(withPointer tokens: [String]) -> Bool {
        guard tokens.count <= components.count else { return false }
        for (token, component) in zip(tokens, components) {
            switch component {
            case .key(let name): if token != name { return false }
            case .item(let index, _): if token != "-" && token != String(index) { return false }
            }
        }
        return true
    }

    /// The tokens of a JSON pointer, with `~1` and `~0` unescaped.
    static func pointerTokens(_ pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }
}
