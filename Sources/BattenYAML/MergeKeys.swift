/// One entry of a mapping after alias and `<<` merge-key resolution.
public struct MappingEntry: Sendable {
    /// The key node (in the mapping itself, or in a mapping merged into it).
    public let key: NodeID
    /// The value node as written (it may itself be an alias; see ``YAMLDocument/resolve(_:)``).
    public let value: NodeID
    /// The key text when the key is a scalar.
    public let name: String?
    /// For a merged entry, the value of the `<<` key it came through (an alias or an inline mapping);
    /// nil for keys written in the mapping itself.
    public let mergedVia: NodeID?

    public var isLocal: Bool { mergedVia == nil }
}

extension YAMLDocument {
    /// The entries of a mapping with aliases followed and `<<` merge keys applied with YAML 1.1
    /// precedence: keys written in the mapping win over merged ones, and earlier sources of a
    /// `<<: [*a, *b]` list win over later ones. Returns an empty list for non-mappings.
    public func entries(of mapping: NodeID) -> [MappingEntry] {
        let target = resolve(mapping)
        if hasOnlyPlainKeys(target) {
            let list = children(target)
            var result: [MappingEntry] = []
            result.reserveCapacity(list.count / 2)
            var index = list.startIndex
            while index + 1 < list.endIndex {
                result.append(MappingEntry(key: list[index], value: list[index + 1], name: scalar(list[index]), mergedVia: nil))
                index += 2
            }
            return result
        }
        var result: [MappingEntry] = []
        collectEntries(of: target, into: &result, depth: 0)
        return result
    }

    /// True for a mapping without `<<` and without alias keys: its entries are its pairs as written,
    /// since the parser refuses two scalar keys with the same text.
    private func hasOnlyPlainKeys(_ mapping: NodeID) -> Bool {
        guard kind(mapping) == .mapping else { return false }
        let list = children(mapping)
        var index = list.startIndex
        while index < list.endIndex {
            let key = list[index]
            if kind(key) == .alias || isMergeKey(key) { return false }
            index += 2
        }
        return true
    }

    /// The value for `key` in a mapping, merge keys applied; the node is returned as written (maybe an alias).
    public func value(forKey key: String, in mapping: NodeID) -> NodeID? {
        let target = resolve(mapping)
        guard kind(target) == .mapping else { return nil }
        // Fast path: a local key wins over any merged one. The children are walked in place: the
        // most frequent lookup of the loaders should not allocate.
        var hasMerge = false
        let list = children(target)
        var index = list.startIndex
        while index + 1 < list.endIndex {
            let keyNode = list[index]
            if isMergeKey(keyNode) {
                hasMerge = true
            } else if scalar(resolve(keyNode), is: key) {
                return list[index + 1]
            }
            index += 2
        }
        guard hasMerge else { return nil }
        return entries(of: target).first { $0.name == key }?.value
    }

    /// The entry for `key`, with its key node and merge origin.
    public func entry(forKey key: String, in mapping: NodeID) -> MappingEntry? {
        let target = resolve(mapping)
        if hasOnlyPlainKeys(target) {
            let list = children(target)
            var index = list.startIndex
            while index + 1 < list.endIndex {
                if scalar(list[index], is: key) {
                    return MappingEntry(key: list[index], value: list[index + 1], name: key, mergedVia: nil)
                }
                index += 2
            }
            return nil
        }
        return entries(of: target).first { $0.name == key }
    }

    /// True when the mapping uses `<<` anywhere at its top level.
    public func hasMergeKeys(_ mapping: NodeID) -> Bool {
        let list = children(resolve(mapping))
        return stride(from: list.startIndex, to: list.endIndex, by: 2).contains { isMergeKey(list[$0]) }
    }

    private func collectEntries(of mapping: NodeID, into result: inout [MappingEntry], depth: Int) {
        guard kind(mapping) == .mapping, depth < 64 else { return }
        var pending: [MappingEntry] = []
        // The parser refuses a mapping that repeats a key, so names can only clash through a merge
        // or an alias used as a key; without either, every entry stands as it is.
        var mayClash = false
        let list = children(mapping)
        pending.reserveCapacity(list.count / 2)
        for keyIndex in stride(from: list.startIndex, to: list.endIndex - 1, by: 2) {
            let keyNode = list[keyIndex]
            let valueNode = list[keyIndex + 1]
            if isMergeKey(keyNode) {
                mayClash = true
                for source in mergeSources(valueNode) {
                    var merged: [MappingEntry] = []
                    collectEntries(of: source.mapping, into: &merged, depth: depth + 1)
                    for entry in merged {
                        pending.append(MappingEntry(key: entry.key, value: entry.value, name: entry.name, mergedVia: source.via))
                    }
                }
                continue
            }
            if kind(keyNode) == .alias { mayClash = true }
            pending.append(MappingEntry(key: keyNode, value: valueNode, name: scalar(resolve(keyNode)), mergedVia: nil))
        }
        guard mayClash else {
            if result.isEmpty { result = pending } else { result += pending }
            return
        }
        // Local names always win; among merged entries the first source wins.
        let localNames = NameSet(pending.lazy.filter { $0.mergedVia == nil }.compactMap(\.name))
        var claimed = NameSet()
        for entry in pending {
            guard let name = entry.name else {
                result.append(entry)
                continue
            }
            if entry.mergedVia != nil && localNames.contains(name) { continue }
            if !claimed.insert(name) { continue }
            result.append(entry)
        }
    }

    /// The mappings named by a `<<` value: an alias, an inline mapping, or a sequence of them.
    private func mergeSources(_ value: NodeID) -> [(mapping: NodeID, via: NodeID)] {
        let target = resolve(value)
        switch kind(target) {
        case .mapping:
            return [(target, value)]
        case .sequence:
            return children(target).compactMap { item in
                let resolved = resolve(item)
                return kind(resolved) == .mapping ? (resolved, item) : nil
            }
        default:
            return []
        }
    }
}

/// A set of key names that compares while it holds few of them (a mapping's keys are mostly short,
/// and comparing a short string is cheaper than hashing it) and hashes beyond.
private struct NameSet {
    private static let listLimit = 16
    private var list: [String] = []
    private var set: Set<String> = []

    init() {}

    init<Names: Sequence<String>>(_ names: Names) {
        for name in names { insert(name) }
    }

    func contains(_ name: String) -> Bool {
        set.isEmpty ? list.contains(name) : set.contains(name)
    }

    /// Adds `name`; false when it was there already.
    @discardableResult
    mutating func insert(_ name: String) -> Bool {
        guard !contains(name) else { return false }
        if set.isEmpty && list.count < Self.listLimit {
            list.append(name)
        } else {
            if set.isEmpty {
                set = Set(list)
                list = []
            }
            set.insert(name)
        }
        return true
    }
}
