import BattenYAML

/// A container port and how it reaches the host.
public struct Port: Sendable {
    /// The host address the port is bound to (Compose host IP / `host_ip`, Kubernetes `hostIP`);
    /// nil means every interface.
    public var hostIP: String?
    /// The host port or range (Compose `published`, Kubernetes `hostPort`); nil when not published.
    public var published: String?
    /// The container port or range (Compose `target`, Kubernetes `containerPort`).
    public var target: String
    /// `tcp`, `udp` or `sctp` (lower case).
    public var proto: String
    /// The `ports` item.
    public var node: NodeRef

    public init(hostIP: String?, published: String?, target: String, proto: String = "tcp", node: NodeRef) {
        self.hostIP = hostIP
        self.published = published
        self.target = target
        self.proto = proto
        self.node = node
    }

    /// True when the port is published on the host (Compose published, Kubernetes hostPort).
    public var isPublished: Bool { published != nil && published != "" && published != "0" }

    /// True when published and bound to every interface (no host IP, `0.0.0.0` or `::`).
    public var isPublishedOnAllInterfaces: Bool {
        guard isPublished else { return false }
        guard let hostIP, !hostIP.isEmpty else { return true }
        return hostIP == "0.0.0.0" || hostIP == "::" || hostIP == "[::]"
    }
}
