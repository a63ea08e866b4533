import BattenYAML

extension ManifestReader {
    private static let volumeSources: [String: MountKind] = [
        "hostPath": .hostPath, "emptyDir": .emptyDir, "configMap": .configMap, "secret": .secret,
        "projected": .projected, "downwardAPI": .downwardAPI, "persistentVolumeClaim": .persistentVolumeClaim,
        "csi": .csi, "ephemeral": .ephemeral,
    ]

    /// The pod spec's `volumes`, typed by their source; a volume without a source is an `emptyDir`,
    /// as the API server defaults it.
    mutating func podVolumes(in podSpec: NodeID, field: String) -> (node: NodeRef?, volumes: [PodVolume]) {
        let field = field + ".volumes"
        guard let list = mappingItems("volumes", in: podSpec, field: field) else { return (nil, []) }
        var volumes: [PodVolume] = []
        for (index, item) in list.items.enumerated() {
            func itemField() -> String { "\(field)[\(index)]" }
            guard let name = string("name", in: item, field: itemField() + ".name") else {
                report(.warning, at: item, "\(itemField()) has no name; skipped")
                continue
            }
            var volume = PodVolume(name: name.value, kind: .emptyDir, node: ref(item))
            if let (key, entry) = namedEntries(of: item).first(where: { $0.name != "name" }) {
                volume.kind = Self.volumeSources[key] ?? .other(key)
                if volume.kind == .hostPath, let hostPath = mapping(entry.value, field: itemField() + ".hostPath") {
                    let path = string("path", in: hostPath, field: itemField() + ".hostPath.path")
                    volume.hostPath = path?.value
                    volume.hostPathNode = path?.node
                    volume.hostPathType = string("type", in: hostPath, field: itemField() + ".hostPath.type")?.value
                }
            }
            volumes.append(volume)
        }
        return (ref(list.node), volumes)
    }

    /// A StatefulSet's `volumeClaimTemplates`, which its containers mount like pod volumes.
    mutating func volumeClaimTemplates(in spec: NodeID, field: String) -> [PodVolume] {
        let field = field + ".volumeClaimTemplates"
        guard let list = mappingItems("volumeClaimTemplates", in: spec, field: field) else { return [] }
        var volumes: [PodVolume] = []
        for (index, item) in list.items.enumerated() {
            guard let metadata = mapping("metadata", in: item, field: "\(field)[\(index)].metadata"),
                let name = string("name", in: metadata, field: "\(field)[\(index)].metadata.name")
            else { continue }
            volumes.append(PodVolume(name: name.value, kind: .persistentVolumeClaim, node: ref(item)))
        }
        return volumes
    }

    /// A container's `volumeMounts`, each joined with the volume it names.
    mutating func mounts(in container: NodeID, volumes: [PodVolume], field: String) -> (node: NodeRef?, mounts: [Mount]) {
        let field = field + ".volumeMounts"
        guard let list = mappingItems("volumeMounts", in: container, field: field) else { return (nil, []) }
        var mounts: [Mount] = []
        for (index, item) in list.items.enumerated() {
            func itemField() -> String { "\(field)[\(index)]" }
            guard let name = string("name", in: item, field: itemField() + ".name") else {
                report(.warning, at: item, "\(itemField()) has no name; skipped")
                continue
            }
            let target = string("mountPath", in: item, field: itemField() + ".mountPath")
            if target == nil { report(.warning, at: item, "\(itemField()) has no mountPath") }
            let readOnly = bool("readOnly", in: item, field: itemField() + ".readOnly")?.value ?? false
            let propagation = string("mountPropagation", in: item, field: itemField() + ".mountPropagation")
            let volume = volumes.first { $0.name == name.value }
            if volume == nil {
                report(.warning, at: name.node.id, "\(itemField()) names volume \"\(name.value)\", which the pod does not define")
            }
            let kind = volume?.kind ?? .other("undefined")
            let source = kind == .hostPath ? volume?.hostPath : name.value
            mounts.append(
                Mount(
                    kind: kind, source: source, target: target?.value ?? "", readOnly: readOnly, propagation: propagation,
                    hostPathType: volume?.hostPathType, volumeName: name.value, node: ref(item), volumeNode: volume?.node))
        }
        return (ref(list.node), mounts)
    }
}
