import BattenYAML

/// The objects of one run of documents skipped because their kind is unknown, gathered so that a
/// Helm chart's many custom resources give one warning per kind rather than one per object.
struct SkippedKinds {
    private struct Entry {
        var first: Diagnostic
        var count: Int
    }

    private var entries: [String: Entry] = [:]
    private var order: [String] = []

    /// Records a skipped custom resource whose group Batten does not know.
    mutating func add(_ object: KubernetesObject, node: NodeRef) {
        let key = "\(object.apiVersion) \(object.kind)"
        if entries[key] == nil {
            entries[key] = Entry(first: Diagnostic(.warning, at: node, "custom resource \(object.displayName)"), count: 0)
            order.append(key)
        }
        entries[key]?.count += 1
    }

    /// One warning per kind, at its first object, with the number of objects of that kind.
    var warnings: [Diagnostic] {
        order.compactMap { key in
            guard let entry = entries[key] else { return nil }
            var warning = entry.first
            let others = entry.count - 1
            let count = others == 0 ? "" : " (and \(others) more object\(others == 1 ? "" : "s") of this kind)"
            warning.message =
                "skipped \(entry.first.message)\(count): "
                + "an unknown kind with no pod template at spec.template.spec or spec.jobTemplate.spec.template.spec, so nothing in it is audited"
            return warning
        }
    }
}
