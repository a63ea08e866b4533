/// What a finding is about: the workload and, where it applies, the container.
public struct FindingTarget: Sendable, Hashable, Codable {
    public var format: InputFormat
    /// `service` for Compose; the object kind for Kubernetes.
    public var kind: String
    public var name: String
    public var namespace: String?
    public var container: String?

    public init(format: InputFormat, kind: String, name: String, namespace: String? = nil, container: String? = nil) {
        self.format = format
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.container = container
    }

    public init(_ workload: Workload, container: Container? = nil) {
        self.init(
            format: workload.format, kind: workload.kind, name: workload.name, namespace: workload.namespace,
            container: workload.format == .kubernetes ? container?.name : nil)
    }

    /// `service web`, `Deployment shop/api container app`.
    public var displayName: String {
        var text: String
        switch format {
        case .compose: text = "service \(name)"
        case .kubernetes: text = namespace.map { "\(kind) \($0)/\(name)" } ?? "\(kind) \(name)"
        }
        if let container { text += " container \(container)" }
        return text
    }
}
