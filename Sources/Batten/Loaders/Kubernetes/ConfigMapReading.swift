import BattenYAML

/// Reads a ConfigMap object for the rules that look at ConfigMaps: the entries of its `data` and
/// `binaryData`, each with its value and node. Read leniently: a ConfigMap is not
/// audited for its shape, so a value that is not a string is left out without a word.
enum ConfigMapReading {
    /// The ConfigMap of `object` (a core `v1` ConfigMap) of the file `path`.
    static func configMap(_ object: KubernetesObject, path: String, reader: inout ManifestReader) -> KubernetesConfigMap {
        let document = reader.document
        var entries: [ConfigMapEntry] = []
        for (field, isBinary) in [("data", false), ("binaryData", true)] {
            guard let value = reader.value(field, in: object.root) else { continue }
            let map = document.resolve(value)
            guard document.kind(map) == .mapping else { continue }
            for (key, entry) in reader.namedEntries(of: map) {
                let target = document.resolve(entry.value)
                let text = document.isNull(target) ? "" : document.scalar(target)
                guard let text else { continue }
                entries.append(ConfigMapEntry(key: key, value: text, node: reader.ref(entry.value), isBinary: isBinary))
            }
        }
        let annotations = reader.metadataMap("annotations", in: object.metadata, field: "metadata")
        return KubernetesConfigMap(
            name: object.name ?? "", namespace: object.namespace, path: path, node: reader.ref(object.root),
            entries: entries, suppressions: PodAnnotations.suppressions(annotations))
    }
}
