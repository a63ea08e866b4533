import BattenYAML

/// A Kubernetes ConfigMap of the input: no workload, but a place where a secret may be written by
/// mistake (a ConfigMap is not a Secret). Rules that look at ConfigMaps see one through
/// ``ConfigMapRule``.
public struct KubernetesConfigMap: Sendable {
    public var name: String
    public var namespace: String?
    /// The file the ConfigMap comes from.
    public var path: String
    /// The object's mapping.
    public var node: NodeRef
    /// The entries of `data`, then the keys of `binaryData`, in written order.
    public var entries: [ConfigMapEntry]
    /// `batten.dev/ignore.<rule-id>` annotations; `batten.dev/ignore.<rule-id>.<key>` scopes one to a key.
    public var suppressions: [InlineSuppression]

    public init(
        name: String, namespace: String?, path: String, node: NodeRef, entries: [ConfigMapEntry],
        suppressions: [InlineSuppression] = []
    ) {
        self.name = name
        self.namespace = namespace
        self.path = path
        self.node = node
        self.entries = entries
        self.suppressions = suppressions
    }

    /// A key that tells ConfigMaps and workloads apart within one run, as ``Workload/id`` does.
    public var id: String { "kubernetes:\(path):ConfigMap:\(namespace ?? ""):\(name)" }

    /// What findings about the ConfigMap are about.
    public var target: FindingTarget {
        FindingTarget(format: .kubernetes, kind: "ConfigMap", name: name, namespace: namespace)
    }
}

/// One key of a ConfigMap's `data` or `binaryData`.
public struct ConfigMapEntry: Sendable {
    public var key: String
    /// The value as written (null reads as empty); for `binaryData`, base64 that rules judge by
    /// the key's name only.
    public var value: String
    /// The value's node (where findings point), else the key's.
    public var node: NodeRef
    /// True for a key of `binaryData`.
    public var isBinary: Bool

    public init(key: String, value: String, node: NodeRef, isBinary: Bool = false) {
        self.key = key
        self.value = value
        self.node = node
        self.isBinary = isBinary
    }

    /// `data.<key>` or `binaryData.<key>`: the setting of a finding.
    public var setting: String { (isBinary ? "binaryData." : "data.") + key }
}
