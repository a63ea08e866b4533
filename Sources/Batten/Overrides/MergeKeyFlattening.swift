import BattenYAML

extension YAMLValue {
    /// The value with every `<<` merge key replaced by the entries it merges, as a YAML 1.1 reader
    /// sees them: local keys win, and among merged mappings the earlier one wins. Generated files
    /// carry no merge keys, and values compare equal whether their entries were merged or written.
    func flatteningMergeKeys() -> YAMLValue {
        switch content {
        case .scalar:
            return self
        case .sequence(let items):
            return YAMLValue(.sequence(items.map { $0.flatteningMergeKeys() }), tag: tag, flow: flow)
        case .mapping(let entries):
            let local = Set(entries.filter { !$0.key.isMergeKey }.compactMap(\.key.scalarText))
            var seen = Set<String>()
            var result: [Entry] = []
            for entry in entries {
                guard entry.key.isMergeKey else {
                    if let name = entry.key.scalarText { seen.insert(name) }
                    result.append(Entry(entry.key, entry.value.flatteningMergeKeys()))
                    continue
                }
                let sources = entry.value.items ?? [entry.value]
                for source in sources {
                    for merged in source.flatteningMergeKeys().entries ?? [] {
                        guard let name = merged.key.scalarText, !local.contains(name), seen.insert(name).inserted else { continue }
                        result.append(merged)
                    }
                }
            }
            return YAMLValue(.mapping(result), tag: tag, flow: flow)
        }
    }

    private var isMergeKey: Bool { tag == nil && scalarText == "<<" }
}

extension Change.Operation {
    /// The operation with `<<` merge keys flattened in every value it carries.
    func flatteningMergeKeys() -> Change.Operation {
        switch self {
        case .set(let value): return .set(value.flatteningMergeKeys())
        case .append(let value): return .append(value.flatteningMergeKeys())
        case .removeItem(let value): return .removeItem(value.flatteningMergeKeys())
        case .replaceItem(let old, let new): return .replaceItem(old.flatteningMergeKeys(), with: new.flatteningMergeKeys())
        case .remove, .renameKey: return self
        }
    }
}
