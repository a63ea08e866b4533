import BattenYAML

/// The part of Kubernetes strategic merge patches that overlays use: mappings merge key by key, a
/// `null` value deletes its key, the lists of ``mergedLists`` merge their items by a key (containers
/// and volumes by `name`, volume mounts by `mountPath`, so a patch carries only the items it adds or
/// changes), every other list is replaced whole (as for `capabilities.drop`, which has no merge strategy).
enum StrategicMergePatch {
    /// Lists whose items a strategic merge patch merges by a key rather than replacing the list.
    static let mergedLists: [String: String] = [
        "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name",
        "volumeMounts": "mountPath", "volumeDevices": "devicePath", "env": "name", "ports": "containerPort",
        "imagePullSecrets": "name", "hostAliases": "ip", "resourceClaims": "name", "schedulingGates": "name",
    ]

    /// The patch that turns the mapping `before` into `after`: changed and added keys, removed keys
    /// as `null`, nested mappings as their own difference, other values whole. Nil when they mean the same.
    static func difference(_ before: YAMLValue, _ after: YAMLValue) -> YAMLValue? {
        if before.means(after) { return nil }
        guard let old = before.entries, let new = after.entries else { return after }
        var entries: [YAMLValue.Entry] = []
        for entry in new {
            guard let previous = old.first(where: { $0.key.means(entry.key) })?.value else {
                entries.append(entry)
                continue
            }
            if previous.entries != nil, entry.value.entries != nil {
                if let nested = difference(previous, entry.value) { entries.append(YAMLValue.Entry(entry.key, nested)) }
            } else if previous.means(entry.value) {
                continue
            } else if let name = entry.key.scalarText, let mergeKey = mergedLists[name],
                let items = mergedItems(previous, entry.value, mergeKey: mergeKey)
            {
                entries.append(YAMLValue.Entry(entry.key, .sequence(items)))
            } else {
                entries.append(entry)
            }
        }
        for entry in old where !new.contains(where: { $0.key.means(entry.key) }) {
            entries.append(YAMLValue.Entry(entry.key, .null))
        }
        return entries.isEmpty ? nil : YAMLValue(.mapping(entries))
    }

    /// The items of a patch that turns the merged list `before` into `after`: the items `after` adds
    /// and, for an item whose merge key `before` has too, its difference with that key. Nil when the
    /// lists are not both sequences of items with the key, when `after` lacks an item of `before`
    /// (a removal needs a `$patch` directive) or when only the order changes: the whole list then goes
    /// into the patch.
    static func mergedItems(_ before: YAMLValue, _ after: YAMLValue, mergeKey: String) -> [YAMLValue]? {
        guard let old = before.items, let new = after.items else { return nil }
        let oldKeys = old.compactMap { $0[mergeKey] }
        let newKeys = new.compactMap { $0[mergeKey] }
        guard oldKeys.count == old.count, newKeys.count == new.count,
            oldKeys.allSatisfy({ key in newKeys.contains { $0.means(key) } })
        else { return nil }
        var items: [YAMLValue] = []
        for (item, key) in zip(new, newKeys) {
            guard let index = oldKeys.firstIndex(where: { $0.means(key) }) else {
                items.append(item)
                continue
            }
            guard let changed = difference(old[index], item) else { continue }
            guard let changes = changed.entries else { return nil }
            let keyEntry = YAMLValue.Entry(.string(mergeKey), key)
            items.append(YAMLValue(.mapping([keyEntry] + changes.filter { $0.key.scalarText != mergeKey })))
        }
        return items.isEmpty ? nil : items
    }

    /// `patch` applied to `target`; `key` is the key `target` sits under (it decides how a list merges).
    static func apply(_ patch: YAMLValue, to target: YAMLValue, key: String? = nil) -> YAMLValue {
        switch (target.content, patch.content) {
        case (.mapping(var entries), .mapping(let changes)):
            for change in changes {
                let name = change.key.scalarText
                let index = entries.firstIndex { $0.key.means(change.key) }
                if change.value.isNull {
                    if let index { entries.remove(at: index) }
                } else if let index {
                    entries[index].value = apply(change.value, to: entries[index].value, key: name)
                } else {
                    entries.append(YAMLValue.Entry(change.key, withoutNulls(change.value)))
                }
            }
            return YAMLValue(.mapping(entries), tag: target.tag, flow: target.flow)
        case (.sequence(var items), .sequence(let changes)):
            guard let key, let mergeKey = mergedLists[key] else { return withoutNulls(patch) }
            for change in changes {
                guard let identity = change[mergeKey],
                    let index = items.firstIndex(where: { $0[mergeKey].map { $0.means(identity) } ?? false })
                else {
                    items.append(withoutNulls(change))
                    continue
                }
                items[index] = apply(change, to: items[index])
            }
            return YAMLValue(.sequence(items), tag: target.tag, flow: target.flow)
        default:
            return withoutNulls(patch)
        }
    }

    private static func withoutNulls(_ value: YAMLValue) -> YAMLValue {
        guard let entries = value.entries else { return value }
        return YAMLValue(
            .mapping(entries.filter { !$0.value.isNull }.map { YAMLValue.Entry($0.key, withoutNulls($0.value)) }),
            tag: value.tag, flow: value.flow)
    }
}

extension YAMLValue {
    /// True for an untagged null scalar (`null`, `~`, empty).
    var isNull: Bool {
        guard tag == nil, case .scalar(let text, let kind) = content else { return false }
        return kind == .literal && ScalarResolution.isNull(text)
    }
}
