import BattenYAML

/// Brings the keys that Compose accepts in two shapes to one shape before merging, as Compose's own
/// merge does: `KEY=VALUE` lists become mappings, a single string becomes a one-item list, a `build`
/// string becomes `{context: …}`, a `networks` list becomes a mapping.
enum ComposeShapes {
    /// Keys whose list form is `KEY=VALUE` items (a bare `KEY` has no value).
    static let keyValueKeys: Set<String> = ["environment", "labels", "annotations", "sysctls"]
    /// Keys that take a string or a list of strings.
    static let stringOrListKeys: Set<String> = ["tmpfs", "env_file", "dns", "dns_search", "dns_opt"]

    /// The service mapping with its two-shape keys normalized. Values of the wrong kind are left alone
    /// for the extractor to report.
    static func normalizeService(_ service: SourcedTree) -> SourcedTree {
        guard case .mapping(var entries, let node) = service else { return service }
        for index in entries.indices {
            let key = entries[index].key
            let value = entries[index].value
            if keyValueKeys.contains(key) {
                entries[index].value = stringValues(keyValueMapping(value, separator: "="))
            } else if key == "extra_hosts" {
                entries[index].value = hostList(value)
            } else if stringOrListKeys.contains(key), case .scalar = value, !value.isNull {
                entries[index].value = .sequence([value], node: value.node)
            } else if key == "build", case .scalar = value, !value.isNull {
                entries[index].value = .mapping(
                    [SourcedTreeEntry(key: "context", keyNode: value.node, value: value)], node: value.node)
            } else if key == "networks" || key == "depends_on", case .sequence(let items, let listNode) = value {
                let mapped = items.compactMap { item -> SourcedTreeEntry? in
                    guard let name = item.text else { return nil }
                    return SourcedTreeEntry(key: name, keyNode: item.node, value: .null(node: item.node))
                }
                entries[index].value = .mapping(mapped, node: listNode)
            }
        }
        return .mapping(entries, node: node)
    }

    /// `extra_hosts` as a list of `host=address` items: `host:address` items rewritten, a mapping
    /// (`host: address` or `host: [addresses]`) turned into sorted items, as Compose does.
    static func hostList(_ value: SourcedTree) -> SourcedTree {
        switch value {
        case .sequence(let items, let node):
            return .sequence(
                items.map { item in
                    guard case .scalar(var scalar) = item, !item.isNull,
                        let cut = scalar.value.firstIndex(where: { $0 == "=" || $0 == ":" })
                    else { return item }
                    var text = scalar.value
                    text.replaceSubrange(cut...cut, with: "=")
                    scalar.value = text
                    return .scalar(scalar)
                }, node: node)
        case .mapping(let entries, let node):
            var items: [SourcedTree] = []
            for entry in entries {
                let addresses = entry.value.items ?? [entry.value]
                for address in addresses {
                    guard case .scalar(var scalar) = address else { continue }
                    scalar.value = "\(entry.key)=\(scalar.value)"
                    scalar.raw = nil
                    items.append(.scalar(scalar))
                }
            }
            return .sequence(items.sorted { ($0.scalar?.value ?? "") < ($1.scalar?.value ?? "") }, node: node)
        case .scalar:
            return value
        }
    }

    /// A mapping whose plain numbers and booleans are the strings Compose makes of them (`1.0` → `1`);
    /// the text as written stays in `raw`.
    static func stringValues(_ value: SourcedTree) -> SourcedTree {
        guard case .mapping(let entries, let node) = value else { return value }
        return .mapping(
            entries.map { entry in
                guard case .scalar(var scalar) = entry.value, scalar.kind == .literal,
                    let text = ComposeScalars.string(scalar.value)
                else { return entry }
                scalar.value = text
                scalar.kind = .string
                var copy = entry
                copy.value = .scalar(scalar)
                return copy
            }, node: node)
    }

    /// A `KEY=VALUE` list as a mapping; a mapping is returned as it is.
    static func keyValueMapping(_ value: SourcedTree, separator: Unicode.Scalar) -> SourcedTree {
        guard case .sequence(let items, let node) = value else { return value }
        var entries: [SourcedTreeEntry] = []
        var positions: [String: Int] = [:]
        entries.reserveCapacity(items.count)
        positions.reserveCapacity(items.count)
        for item in items {
            guard case .scalar(let scalar) = item, !item.isNull else { continue }
            let text = scalar.value
            let cut = text.cut(atFirstASCII: separator)
            let key = cut.map { String($0.before) } ?? text
            let entryValue: SourcedTree
            if let cut {
                let raw = scalar.raw?.cut(atFirstASCII: separator).map { String($0.after) }
                entryValue = .scalar(SourcedScalar(value: String(cut.after), raw: raw, kind: .string, node: scalar.node))
            } else {
                entryValue = .null(node: scalar.node)
            }
            if let existing = positions[key] {
                entries[existing].value = entryValue
                entries[existing].keyNode = scalar.node
            } else {
                positions[key] = entries.count
                entries.append(SourcedTreeEntry(key: key, keyNode: scalar.node, value: entryValue))
            }
        }
        return .mapping(entries, node: node)
    }
}
