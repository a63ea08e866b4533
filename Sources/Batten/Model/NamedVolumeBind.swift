import BattenYAML

/// A Compose named volume whose definition mounts a path of the host: the `local` driver with
/// `driver_opts` `type: none`, `o: bind` (or `rbind`, with more options) and a `device`, or a volume
/// plugin that keeps its data at a host `mountpoint` (`local-persist`). A service that mounts such a
/// volume mounts that host path, as a bind mount would.
public struct NamedVolumeBind: Sendable {
    /// The volume's key under the top-level `volumes`.
    public var volumeName: String
    /// The host path as written after interpolation (`device` or `mountpoint`).
    public var device: String
    /// The `driver_opts` mapping of the definition, where the host path is set.
    public var definitionNode: NodeRef
    /// True when `docker compose` resolves a relative `device` against the project directory (the
    /// definition writes `driver: local` and `o: bind`); any other relative path reaches the engine
    /// as written.
    public var composeResolvesDevice: Bool
    /// True when the mount options (`o: bind,ro`) make every mount of the volume read-only.
    public var readOnly: Bool

    public init(
        volumeName: String, device: String, definitionNode: NodeRef, composeResolvesDevice: Bool = false,
        readOnly: Bool = false
    ) {
        self.volumeName = volumeName
        self.device = device
        self.definitionNode = definitionNode
        self.composeResolvesDevice = composeResolvesDevice
        self.readOnly = readOnly
    }

    /// "volume `dockersock` is a bind of /var/run/docker.sock, driver_opts at compose.yaml:30", for messages.
    public var label: String {
        "volume `\(volumeName)` is a bind of \(device), driver_opts at \(definitionNode.path):\(definitionNode.start.line)"
    }
}
