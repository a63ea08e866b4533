import BattenYAML

/// One Compose service or one Kubernetes pod template: the unit every rule looks at.
///
/// Settings that exist in both formats live here and in ``Container`` under one name, each with the
/// node that decided it; format-only settings live in ``compose`` and ``kubernetes``.
public struct Workload: Sendable {
    public var format: InputFormat {
        get { fields.read.pointee.format }
        _modify { yield &fields.write.pointee.format }
    }
    /// `service` for Compose; the object kind (`Deployment`, `CronJob`, `Pod` …) for Kubernetes.
    public var kind: String {
        get { fields.read.pointee.kind }
        _modify { yield &fields.write.pointee.kind }
    }
    /// The service name, or the object's `metadata.name`.
    public var name: String {
        get { fields.read.pointee.name }
        _modify { yield &fields.write.pointee.name }
    }
    /// Kubernetes namespace (`metadata.namespace`), nil when unset; nil for Compose.
    public var namespace: String? {
        get { fields.read.pointee.namespace }
        _modify { yield &fields.write.pointee.namespace }
    }
    /// The file the workload was read from, as given by the user (`-` or `--stdin-name` for stdin).
    public var path: String {
        get { fields.read.pointee.path }
        _modify { yield &fields.write.pointee.path }
    }
    /// Where a finding about a missing workload-level setting points: the service's key (`web:`)
    /// in the file that defines it, or the pod spec's key (`spec:`) of a Kubernetes object.
    public var location: NodeRef {
        get { fields.read.pointee.location }
        _modify { yield &fields.write.pointee.location }
    }
    /// The mapping that holds workload-level settings: the service mapping, or the pod spec mapping.
    public var node: NodeRef {
        get { fields.read.pointee.node }
        _modify { yield &fields.write.pointee.node }
    }
    /// Kubernetes: the object's root mapping; Compose: the service mapping.
    public var objectNode: NodeRef {
        get { fields.read.pointee.objectNode }
        _modify { yield &fields.write.pointee.objectNode }
    }
    /// The template a rendered document came from (Helm's `# Source: chart/templates/x.yaml`).
    public var sourceTemplate: String? {
        get { fields.read.pointee.sourceTemplate }
        _modify { yield &fields.write.pointee.sourceTemplate }
    }

    /// Containers: exactly one for a Compose service; for Kubernetes containers, init containers
    /// (sidecars included) and ephemeral containers, in that order.
    public var containers: [Container] {
        get { fields.read.pointee.containers }
        _modify { yield &fields.write.pointee.containers }
    }

    // MARK: Host namespaces (Compose: `network_mode`/`pid`/`ipc`/`uts`/`userns_mode: host`; Kubernetes: pod spec)

    /// True when the workload shares the host's network namespace (`network_mode: host`, `hostNetwork: true`).
    public var hostNetwork: Sourced<Bool>? {
        get { fields.read.pointee.hostNetwork }
        _modify { yield &fields.write.pointee.hostNetwork }
    }
    public var hostPID: Sourced<Bool>? {
        get { fields.read.pointee.hostPID }
        _modify { yield &fields.write.pointee.hostPID }
    }
    public var hostIPC: Sourced<Bool>? {
        get { fields.read.pointee.hostIPC }
        _modify { yield &fields.write.pointee.hostIPC }
    }
    /// Compose `uts: host`.
    public var hostUTS: Sourced<Bool>? {
        get { fields.read.pointee.hostUTS }
        _modify { yield &fields.write.pointee.hostUTS }
    }
    /// True when the workload runs in the host's user namespace: Compose `userns_mode: host`;
    /// Kubernetes `hostUsers` (nil when unset, which means true).
    public var hostUsers: Sourced<Bool>? {
        get { fields.read.pointee.hostUsers }
        _modify { yield &fields.write.pointee.hostUsers }
    }

    /// Sysctls set for the workload (Compose `sysctls`, Kubernetes pod `securityContext.sysctls`).
    public var sysctls: [Sourced<Sysctl>] {
        get { fields.read.pointee.sysctls }
        _modify { yield &fields.write.pointee.sysctls }
    }

    /// Labels and annotations. Kubernetes: the object's and, for templated kinds, the pod template's
    /// (pod template wins); Compose: `labels`.
    public var labels: [String: Sourced<String>] {
        get { fields.read.pointee.labels }
        _modify { yield &fields.write.pointee.labels }
    }
    public var annotations: [String: Sourced<String>] {
        get { fields.read.pointee.annotations }
        _modify { yield &fields.write.pointee.annotations }
    }

    /// Inline suppressions: Compose `x-batten.ignore`, Kubernetes `batten.dev/ignore.*` annotations.
    public var suppressions: [InlineSuppression] {
        get { fields.read.pointee.suppressions }
        _modify { yield &fields.write.pointee.suppressions }
    }

    public var compose: ComposeServiceDetails? {
        get { fields.read.pointee.compose }
        _modify { yield &fields.write.pointee.compose }
    }
    public var kubernetes: KubernetesPodDetails? {
        get { fields.read.pointee.kubernetes }
        _modify { yield &fields.write.pointee.kubernetes }
    }

    public init(
        format: InputFormat, kind: String, name: String, namespace: String? = nil, path: String,
        location: NodeRef, node: NodeRef, objectNode: NodeRef, sourceTemplate: String? = nil,
        containers: [Container] = [], hostNetwork: Sourced<Bool>? = nil, hostPID: Sourced<Bool>? = nil,
        hostIPC: Sourced<Bool>? = nil, hostUTS: Sourced<Bool>? = nil, hostUsers: Sourced<Bool>? = nil,
        sysctls: [Sourced<Sysctl>] = [], labels: [String: Sourced<String>] = [:],
        annotations: [String: Sourced<String>] = [:], suppressions: [InlineSuppression] = [],
        compose: ComposeServiceDetails? = nil, kubernetes: KubernetesPodDetails? = nil
    ) {
        fields = SharedFields(Fields(format: format, kind: kind, name: name, namespace: namespace, path: path, location: location, node: node, objectNode: objectNode, sourceTemplate: sourceTemplate, containers: containers, hostNetwork: hostNetwork, hostPID: hostPID, hostIPC: hostIPC, hostUTS: hostUTS, hostUsers: hostUsers, sysctls: sysctls, labels: labels, annotations: annotations, suppressions: suppressions, compose: compose, kubernetes: kubernetes))
    }

    /// The stored fields, shared by copies until one changes (``SharedFields``).
    private var fields: SharedFields<Fields>

    private struct Fields: Sendable {
        var format: InputFormat
        var kind: String
        var name: String
        var namespace: String?
        var path: String
        var location: NodeRef
        var node: NodeRef
        var objectNode: NodeRef
        var sourceTemplate: String?
        var containers: [Container]
        var hostNetwork: Sourced<Bool>?
        var hostPID: Sourced<Bool>?
        var hostIPC: Sourced<Bool>?
        var hostUTS: Sourced<Bool>?
        var hostUsers: Sourced<Bool>?
        var sysctls: [Sourced<Sysctl>]
        var labels: [String: Sourced<String>]
        var annotations: [String: Sourced<String>]
        var suppressions: [InlineSuppression]
        var compose: ComposeServiceDetails?
        var kubernetes: KubernetesPodDetails?
    }

    /// A key that tells workloads apart within one run: the Compose project directory and service,
    /// or the Kubernetes file, kind, namespace and name.
    public var id: String {
        switch format {
        case .compose: return "compose:\(compose?.projectDirectory ?? path):\(name)"
        case .kubernetes: return "kubernetes:\(path):\(kind):\(namespace ?? ""):\(name)"
        }
    }

    /// A short human name: `service web`, `Deployment shop/api`.
    public var displayName: String {
        switch format {
        case .compose: return "service \(name)"
        case .kubernetes:
            if let namespace { return "\(kind) \(namespace)/\(name)" }
            return "\(kind) \(name)"
        }
    }
}

/// A sysctl name and value.
public struct Sysctl: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A suppression written in the manifest itself.
public struct InlineSuppression: Sendable {
    public var ruleID: String
    /// Kubernetes `batten.dev/ignore.<rule>.<container>` scopes the suppression to one container.
    public var container: String?
    /// The reason; empty when none was given (itself a finding).
    public var reason: String
    /// The value node of the suppression (the reason); its entry's key is where findings about it point.
    public var node: NodeRef

    public init(ruleID: String, container: String? = nil, reason: String, node: NodeRef) {
        self.ruleID = ruleID
        self.container = container
        self.reason = reason
        self.node = node
    }

    /// The key of the suppression entry (`privileged-container:` / `batten.dev/ignore.…:`), else the node.
    public var keyLocation: NodeRef { node.keyNode ?? node }
}
