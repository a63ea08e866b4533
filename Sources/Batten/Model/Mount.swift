import BattenYAML

/// What backs a mount.
public enum MountKind: Sendable, Hashable {
    // Compose `volumes` entry types.
    case bind
    case volume
    case tmpfs
    case npipe
    case cluster
    case image
    // Kubernetes volume sources.
    case hostPath
    case emptyDir
    case configMap
    case secret
    case projected
    case downwardAPI
    case persistentVolumeClaim
    case csi
    case ephemeral
    /// Any other Kubernetes volume source, by its key (`nfs`, `iscsi`, `gitRepo` …).
    case other(String)

    /// The name used in messages and JSON: `bind`, `hostPath`, `persistentVolumeClaim`, `nfs` …
    public var name: String {
        switch self {
        case .bind: return "bind"
        case .volume: return "volume"
        case .tmpfs: return "tmpfs"
        case .npipe: return "npipe"
        case .cluster: return "cluster"
        case .image: return "image"
        case .hostPath: return "hostPath"
        case .emptyDir: return "emptyDir"
        case .configMap: return "configMap"
        case .secret: return "secret"
        case .projected: return "projected"
        case .downwardAPI: return "downwardAPI"
        case .persistentVolumeClaim: return "persistentVolumeClaim"
        case .csi: return "csi"
        case .ephemeral: return "ephemeral"
        case .other(let name): return name
        }
    }

    /// True for mounts of a path of the host (Compose binds, Kubernetes hostPath).
    public var isHostPath: Bool { self == .bind || self == .hostPath }
}

/// A filesystem mounted into a container.
public struct Mount: Sendable {
    public var kind: MountKind
    /// Compose: the source as written after interpolation (`./src`, `/etc/ssl`, `~/x`, a volume name);
    /// Kubernetes: `hostPath.path` for hostPath volumes, else the volume name.
    public var source: String?
    /// Compose: a bind source resolved against the project directory; Kubernetes: same as `source`.
    public var resolvedSource: String?
    /// The path inside the container (Compose target, Kubernetes `mountPath`).
    public var target: String
    /// True for `:ro`, `read_only: true`, Kubernetes `readOnly: true`.
    public var readOnly: Bool
    /// Bind propagation (`rshared`, `slave` …) or Kubernetes `mountPropagation` (`Bidirectional`, `HostToContainer`).
    public var propagation: Sourced<String>?
    /// Kubernetes `hostPath.type` (`Directory`, `CharDevice`, `Socket` …).
    public var hostPathType: String?
    /// Kubernetes: the volume's name.
    public var volumeName: String?
    /// The mount entry: the Compose `volumes` item, or the Kubernetes `volumeMounts` item.
    public var node: NodeRef
    /// Kubernetes: the pod `volumes` item the mount names.
    public var volumeNode: NodeRef?
    /// Compose: the host path behind a named volume whose definition is a bind (`resolvedSource` then
    /// holds that path, resolved).
    public var namedVolumeBind: NamedVolumeBind?

    public init(
        kind: MountKind, source: String?, resolvedSource: String? = nil, target: String, readOnly: Bool,
        propagation: Sourced<String>? = nil, hostPathType: String? = nil, volumeName: String? = nil,
        node: NodeRef, volumeNode: NodeRef? = nil
    ) {
        self.kind = kind
        self.source = source
        self.resolvedSource = resolvedSource ?? source
        self.target = target
        self.readOnly = readOnly
        self.propagation = propagation
        self.hostPathType = hostPathType
        self.volumeName = volumeName
        self.node = node
        self.volumeNode = volumeNode
    }
}

/// A Kubernetes pod volume (mounted or not: Pod Security Standards look at every one).
public struct PodVolume: Sendable {
    public var name: String
    public var kind: MountKind
    /// `hostPath.path` for hostPath volumes.
    public var hostPath: String?
    public var hostPathType: String?
    /// The `volumes` item.
    public var node: NodeRef
    /// The `hostPath.path` value, where a finding about the host path points.
    public var hostPathNode: NodeRef?

    public init(
        name: String, kind: MountKind, hostPath: String? = nil, hostPathType: String? = nil, node: NodeRef,
        hostPathNode: NodeRef? = nil
    ) {
        self.name = name
        self.kind = kind
        self.hostPath = hostPath
        self.hostPathType = hostPathType
        self.node = node
        self.hostPathNode = hostPathNode
    }
}
