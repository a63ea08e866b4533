import BattenYAML

/// One entry of a `labels` or `annotations` map.
struct MetadataEntry {
    let name: String
    let keyNode: NodeRef
    /// The value (null reads as the empty string) with its node.
    let value: Sourced<String>
}

extension ManifestReader {
    /// The `labels` or `annotations` of a `metadata` mapping, in written order.
    mutating func metadataMap(_ key: String, in metadata: NodeID?, field: String) -> [MetadataEntry] {
        guard let metadata, let map = mapping(key, in: metadata, field: field + "." + key) else { return [] }
        var entries: [MetadataEntry] = []
        for (name, entry) in namedEntries(of: map) {
            let value: Sourced<String>
            if document.isNull(entry.value) {
                value = Sourced("", ref(entry.value))
            } else if let text = string(entry.value, field: "\(field).\(key).\(name)") {
                value = text
            } else {
                continue
            }
            entries.append(MetadataEntry(name: name, keyNode: ref(entry.key), value: value))
        }
        return entries
    }
}

/// What Batten reads from pod annotations: the legacy seccomp and AppArmor annotations and its own
/// `batten.dev/ignore.*` suppressions.
enum PodAnnotations {
    static let seccompPod = "seccomp.security.alpha.kubernetes.io/pod"
    static let seccompContainerPrefix = "container.seccomp.security.alpha.kubernetes.io/"
    static let appArmorContainerPrefix = "container.apparmor.security.beta.kubernetes.io/"
    static let suppressionPrefix = "batten.dev/ignore."

    /// The legacy seccomp annotations, by annotation name.
    static func seccomp(_ entries: [MetadataEntry]) -> [String: Sourced<String>] {
        select(entries) { $0 == seccompPod || $0.hasPrefix(seccompContainerPrefix) }
    }

    /// The legacy AppArmor annotations, by annotation name.
    static func appArmor(_ entries: [MetadataEntry]) -> [String: Sourced<String>] {
        select(entries) { $0.hasPrefix(appArmorContainerPrefix) }
    }

    private static func select(_ entries: [MetadataEntry], _ matches: (String) -> Bool) -> [String: Sourced<String>] {
        var result: [String: Sourced<String>] = [:]
        for entry in entries where matches(entry.name) { result[entry.name] = entry.value }
        return result
    }

    /// `batten.dev/ignore.<rule-id>: reason` and `batten.dev/ignore.<rule-id>.<container>: reason`;
    /// the node is the annotation's key.
    static func suppressions(_ entries: [MetadataEntry]) -> [InlineSuppression] {
        entries.compactMap { entry in
            guard entry.name.hasPrefix(suppressionPrefix) else { return nil }
            let target = entry.name.dropFirst(suppressionPrefix.count)
            let parts = target.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rule = parts.first, !rule.isEmpty else { return nil }
            let container = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
            return InlineSuppression(ruleID: String(rule), container: container, reason: entry.value.value, node: entry.keyNode)
        }
    }

    /// Object and pod template entries merged, the pod template's winning, in first-written order.
    static func merged(_ object: [MetadataEntry], _ template: [MetadataEntry]) -> [MetadataEntry] {
        let templateNames = Set(template.map(\.name))
        return object.filter { !templateNames.contains($0.name) } + template
    }
}
