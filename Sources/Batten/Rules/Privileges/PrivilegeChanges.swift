import BattenYAML

/// Builders for the changes the privileges rules propose.
enum PrivilegeChanges {
    /// Sets `securityContext.<path>` on a Kubernetes container.
    static func container(_ container: Container, _ path: [String], _ value: YAMLValue, existing: NodeRef?) -> Change {
        Change(
            scope: .container(container.name), path: ["securityContext"] + path, operation: .set(value),
            target: container.node, existing: existing)
    }

    /// Sets `securityContext.<path>` on a Kubernetes pod spec.
    static func pod(_ workload: Workload, _ path: [String], _ value: YAMLValue, existing: NodeRef?) -> Change {
        Change(scope: .pod, path: ["securityContext"] + path, operation: .set(value), target: workload.node, existing: existing)
    }

    /// Sets an annotation on the pod (template) metadata.
    static func podAnnotation(_ workload: Workload, _ name: String, _ value: String, existing: NodeRef?) -> Change? {
        guard let metadata = workload.kubernetes?.templateMetadataNode ?? workload.kubernetes?.metadataNode else {
            return nil
        }
        return Change(
            scope: .podMetadata, path: ["annotations", name], operation: .set(.string(value)), target: metadata,
            existing: existing)
    }

    /// Removes the pod annotations `names` (each with its value node): the whole `annotations`
    /// mapping when they are all it holds, so that no empty mapping is left behind. Empty when the
    /// pod metadata cannot be located.
    static func removeAnnotations(_ names: [String: NodeRef], in workload: Workload) -> [Change] {
        guard let metadata = workload.kubernetes?.templateMetadataNode ?? workload.kubernetes?.metadataNode else { return [] }
        let mappings = Set(names.values.compactMap { $0.parent?.id })
        if mappings.count == 1, let mapping = names.values.first?.parent, mapping.parent?.id == metadata.id {
            let document = mapping.document
            let keys = document.pairs(mapping.id).compactMap { document.scalar($0.key) }
            if !keys.isEmpty, keys.allSatisfy({ names[$0] != nil }) {
                return [Change(scope: .podMetadata, path: ["annotations"], operation: .remove, target: metadata, existing: mapping)]
            }
        }
        return names.keys.sorted().compactMap { name in
            names[name].map {
                Change(scope: .podMetadata, path: ["annotations", name], operation: .remove, target: metadata, existing: $0)
            }
        }
    }

    /// Removes one `security_opt` entry of a Compose service.
    static func removeSecurityOption(_ option: SecurityOptEntry, in workload: Workload) -> Change {
        Change(
            scope: .service, path: ["security_opt"], operation: .removeItem(.string(option.writtenText)),
            target: workload.node, existing: option.entry.node.parent ?? option.entry.node)
    }

    /// Replaces one `security_opt` entry of a Compose service in place.
    static func replaceSecurityOption(_ option: SecurityOptEntry, with replacement: String, in workload: Workload) -> Change {
        Change(
            scope: .service, path: ["security_opt"],
            operation: .replaceItem(.string(option.writtenText), with: .string(replacement)),
            target: workload.node, existing: option.entry.node.parent ?? option.entry.node)
    }

    /// The node that holds a profile's `type` when it is written there (nil when the profile
    /// mapping has no `type`, and the finding points at the mapping).
    static func typeNode(of profile: Sourced<SecurityProfile>) -> NodeRef? {
        profile.node.resolved.kind == .scalar ? profile.node : nil
    }
}
