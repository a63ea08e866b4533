import BattenYAML

extension ManifestReader {
    /// A container's `resources.requests` and `resources.limits`, quantities as written.
    mutating func resources(in container: NodeID, field: String) -> (node: NodeRef?, requests: ResourceSettings, limits: ResourceSettings) {
        let field = field + ".resources"
        guard let resources = mapping("resources", in: container, field: field) else {
            return (nil, ResourceSettings(), ResourceSettings())
        }
        return (ref(resources), settings("requests", in: resources, field: field), settings("limits", in: resources, field: field))
    }

    private mutating func settings(_ key: String, in resources: NodeID, field: String) -> ResourceSettings {
        let field = field + "." + key
        guard let values = mapping(key, in: resources, field: field) else { return ResourceSettings() }
        return ResourceSettings(
            memory: intOrString("memory", in: values, field: field + ".memory"),
            cpu: intOrString("cpu", in: values, field: field + ".cpu"),
            ephemeralStorage: intOrString("ephemeral-storage", in: values, field: field + ".ephemeral-storage"))
    }
}
