import BattenYAML

/// Removes repeated entries from a merged service's sequences, by the key Compose uses for each field;
/// a later entry replaces an earlier one in the earlier one's position. `security_opt` is left alone.
enum ComposeUniqueness {
    static func enforce(_ service: SourcedTree) -> SourcedTree {
        guard case .mapping(var entries, let node) = service else { return service }
        for index in entries.indices {
            guard case .sequence(let items, let listNode) = entries[index].value,
                let indexer = indexer(for: entries[index].key)
            else { continue }
            var result: [SourcedTree] = []
            var positions: [String: Int] = [:]
            for item in items {
                let key = indexer(item)
                if let position = positions[key] {
                    result[position] = item
                } else {
                    positions[key] = result.count
                    result.append(item)
                }
            }
            entries[index].value = .sequence(result, node: listNode)
        }
        return .mapping(entries, node: node)
    }

    /// The de-duplication key of an item of `field`, or nil when the field keeps repeats.
    static func indexer(for field: String) -> ((SourcedTree) -> String)? {
        switch field {
        case "cap_add", "cap_drop", "dns", "dns_search", "dns_opt", "tmpfs", "profiles":
            return { item in
                let text = itemText(item)
                return text.cut(atFirstASCII: "=").map { String($0.before) } ?? text
            }
        case "expose", "extra_hosts":
            return itemText
        case "volumes", "devices":
            return { item in
                if item.isMapping { return item["target"]?.text ?? item["source"]?.text ?? "" }
                guard let text = item.text else { return "" }
                if case .success(let spec) = ComposeVolumeSpec.parseShort(text, node: nil) { return spec.target }
                return text
            }
        case "secrets":
            return { mountKey($0, defaultDirectory: "/run/secrets") }
        case "configs":
            return { mountKey($0, defaultDirectory: "") }
        case "ports":
            return { item in
                if case .success(let spec) = ComposePortSpec.parse(item) { return spec.uniquenessKey }
                return itemText(item)
            }
        case "env_file":
            return { item in item.isMapping ? item["path"]?.text ?? "" : itemText(item) }
        default:
            return nil
        }
    }

    static func mountKey(_ item: SourcedTree, defaultDirectory: String) -> String {
        if item.isMapping {
            if let target = item["target"]?.text { return target }
            return "\(defaultDirectory)/\(item["source"]?.text ?? "")"
        }
        return "\(defaultDirectory)/\(itemText(item))"
    }

    private static func itemText(_ item: SourcedTree) -> String {
        item.scalar?.value ?? ""
    }
}
