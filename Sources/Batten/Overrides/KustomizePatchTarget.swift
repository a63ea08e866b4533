import BattenYAML

/// Where a workload's mappings sit inside its Kubernetes object, as paths from the object's root:
/// what a strategic merge patch must nest its changes under.
struct KustomizePatchTarget {
    let workload: Workload

    /// The path of `node` below `ancestor` (both in one document), or nil when `node` is not below it.
    static func components(of node: NodeRef, below ancestor: NodeRef) -> [NodePath.Component]? {
        guard node.document === ancestor.document else { return nil }
        let document = node.document
        var components: [NodePath.Component] = []
        var current = node.id
        while current != ancestor.id {
            guard let parent = document.parent(current) else { return nil }
            if document.kind(parent) == .mapping {
                guard let key = document.key(ofValue: current), let text = document.scalar(key) else { return nil }
                components.append(.key(text))
            } else {
                guard let index = document.children(parent).firstIndex(of: current) else { return nil }
                components.append(.index(index - document.children(parent).startIndex))
            }
            current = parent
        }
        return components.reversed()
    }

    /// The node at `components` below `ancestor`, following the physical structure.
    static func node(at components: [NodePath.Component], below ancestor: NodeRef) -> NodeRef? {
        guard var path = NodePath(ancestor) else { return nil }
        path.components += components
        return path.locate(in: ancestor.document).map { ancestor.document.ref($0) }
    }

    /// The mapping keys from `ancestor` to `node`, or nil when the way passes a list.
    static func keys(of node: NodeRef, below ancestor: NodeRef) -> [String]? {
        guard let components = components(of: node, below: ancestor) else { return nil }
        var keys: [String] = []
        for component in components {
            guard case .key(let key) = component else { return nil }
            keys.append(key)
        }
        return keys
    }

    /// True when kustomize knows the kind's schema and merges a patch's lists by key. It applies a
    /// patch of any other kind (a DeploymentConfig, a Rollout, a custom resource audited for its pod
    /// template) as a JSON merge patch, which would replace the whole `containers` list: such
    /// workloads get no patch, and their findings remain for `batten fix`.
    var mergesStrategically: Bool {
        guard workload.kubernetes?.auditNote == nil, let kind = KubernetesKinds.workloads[workload.kind] else { return false }
        return kind.groups.allSatisfy(KubernetesKinds.isCoreServedGroup)
    }

    /// The keys from the object's root to the pod spec.
    var podSpec: [String]? { Self.keys(of: workload.node, below: workload.objectNode) }

    /// The keys from the object's root to the metadata mapping that `.podMetadata` changes target.
    func metadata(_ node: NodeRef) -> [String]? { Self.keys(of: node, below: workload.objectNode) }

    /// The key of the pod spec list that holds `container` (`containers`, `initContainers`,
    /// `ephemeralContainers`).
    func listKey(of container: Container) -> String? {
        guard let list = container.node.parent, list.kind == .sequence,
            let key = list.keyNode?.scalar, list.parent == workload.node
        else { return nil }
        return key
    }
}
