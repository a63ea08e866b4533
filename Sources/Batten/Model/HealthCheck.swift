import BattenYAML

/// A Compose `healthcheck`.
public struct HealthCheck: Sendable {
    /// The test as a list: `["CMD", "curl", …]`, `["CMD-SHELL", "…"]`, `["NONE"]`; a string test
    /// becomes `["CMD-SHELL", text]`. Nil when the healthcheck sets no test (the image's applies).
    public var test: [String]?
    /// `disable: true`, or a test of `["NONE"]`.
    public var disabled: Bool
    public var interval: String?
    public var timeout: String?
    public var retries: String?
    public var startPeriod: String?
    /// The `healthcheck` mapping.
    public var node: NodeRef

    public init(
        test: [String]?, disabled: Bool, interval: String? = nil, timeout: String? = nil, retries: String? = nil,
        startPeriod: String? = nil, node: NodeRef
    ) {
        self.test = test
        self.disabled = disabled
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.startPeriod = startPeriod
        self.node = node
    }
}

/// A Kubernetes probe or lifecycle handler.
public struct Probe: Sendable {
    public enum Kind: String, Sendable, Hashable {
        case liveness
        case readiness
        case startup
        case postStart
        case preStop
    }

    public enum Handler: String, Sendable, Hashable {
        case exec
        case httpGet
        case tcpSocket
        case grpc
        case sleep
        case none
    }

    public var kind: Kind
    public var handler: Handler
    /// `httpGet.host` or `tcpSocket.host`, when set.
    public var host: Sourced<String>?
    /// The probe or handler mapping.
    public var node: NodeRef

    public init(kind: Kind, handler: Handler, host: Sourced<String>? = nil, node: NodeRef) {
        self.kind = kind
        self.handler = handler
        self.host = host
        self.node = node
    }
}
