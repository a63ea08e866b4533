import BattenYAML

extension ManifestReader {
    /// A container's `env`: a literal `value` (empty when absent), or the kind of its `valueFrom`
    /// reference (`secretKeyRef`, `configMapKeyRef`, `fieldRef`, `resourceFieldRef` …).
    mutating func environment(in container: NodeID, field: String) -> (node: NodeRef?, variables: [EnvironmentVariable]) {
        let field = field + ".env"
        guard let list = mappingItems("env", in: container, field: field) else { return (nil, []) }
        var variables: [EnvironmentVariable] = []
        for (index, item) in list.items.enumerated() {
            func itemField() -> String { "\(field)[\(index)]" }
            guard let name = string("name", in: item, field: itemField() + ".name") else {
                report(.warning, at: item, "\(itemField()) has no name; skipped")
                continue
            }
            if let reference = mapping("valueFrom", in: item, field: itemField() + ".valueFrom") {
                let source = namedEntries(of: reference).first?.name
                variables.append(
                    EnvironmentVariable(
                        name: name.value, value: nil, rawValue: nil, valueFrom: source ?? "", node: ref(item),
                        valueNode: ref(reference)))
                continue
            }
            let value = string("value", in: item, field: itemField() + ".value")
            variables.append(
                EnvironmentVariable(
                    name: name.value, value: value?.value ?? "", rawValue: value?.value, node: ref(item),
                    valueNode: value?.node))
        }
        return (ref(list.node), variables)
    }

    /// A container's `envFrom` sources as `secretRef:name` or `configMapRef:name`.
    mutating func environmentSources(in container: NodeID, field: String) -> [Sourced<String>] {
        let field = field + ".envFrom"
        guard let list = mappingItems("envFrom", in: container, field: field) else { return [] }
        var sources: [Sourced<String>] = []
        for (index, item) in list.items.enumerated() {
            for (key, entry) in namedEntries(of: item) where key != "prefix" {
                guard let reference = mapping(entry.value, field: "\(field)[\(index)].\(key)") else { continue }
                let name = string("name", in: reference, field: "\(field)[\(index)].\(key).name")?.value ?? ""
                sources.append(Sourced("\(key):\(name)", ref(item)))
            }
        }
        return sources
    }
}
