import BattenYAML

/// One Compose service or one Kubernetes pod template: the unit every rule looks at.
///
/// Settings that exist in both formats live here and in ``Container`` under one name, each with the
/// node that decided it; format-only settings live in ``compose`` and ``kubernetes``. A workload does
/// not change once loaded: loaders fill a ``WorkloadBuilder`` and build it, or call the initializer;
/// copies share one instance.
public final class Workload: Sendable {
    public let format: InputFormat
    /// `service` for Compose; the object kind (`Deployment`, `CronJob`, `Pod` …) for Kubernetes.
    public let kind: String
    /// The service name, or the object's `metadata.name`.
    public let name: String
    /// Kubernetes namespace (`metadata.namespace`), nil when unset; nil for Compose.
    public let namespace: String?
    /// The file the workload was read from, as given by the user (`-` or `--stdin-name` for stdin).
    public let path: String
    /// Where a finding about a missing workload-level setting points: the service's key (`web:`)
    /// in the file that defines it, or the pod spec's key (`spec:`) of a Kubernetes object.
    public let location: NodeRef
    /// The mapping that holds workload-level settings: the service mapping, or the pod spec mapping.
    public let node: NodeRef
    /// Kubernetes: the object's root mapping; Compose: the service mapping.
    public let objectNode: NodeRef
    /// The template a rendered document came from (Helm's `# Source: chart/templates/x.yaml`).
    public let sourceTemplate: String?

    /// Containers: exactly one for a Compose service; for Kubernetes containers, init containers
    /// (sidecars included) and ephemeral containers, in that order.
    public let containers: [Container]

    // MARK: Host namespaces (Compose: `network_mode`/`pid`/`ipc`/`uts`/`userns_mode: host`; Kubernetes: pod spec)

    /// True when the workload shares the host's network namespace (`network_mode: host`, `hostNetwork: true`).
    public let hostNetwork: Sourced<Bool>?
    public let hostPID: Sourced<Bool>?
    public let hostIPC: Sourced<Bool>?
    /// Compose `uts: host`.
    public let hostUTS: Sourced<Bool>?
    /// True when the workload runs in the host's user namespace: Compose `userns_mode: host`;
    /// Kubernetes `hostUsers` (nil when unset, which means true).
    public let hostUsers: Sourced<Bool>?

    /// Sysctls set for the workload (Compose `sysctls`, Kubernetes pod `securityContext.sysctls`).
    public let sysctls: [Sourced<Sysctl>]

    /// Labels and annotations. Kubernetes: the object's and, for templated kinds, the pod template's
    /// (pod template wins); Compose: `labels`.
    public let labels: [String: Sourced<String>]
    public let annotations: [String: Sourced<String>]

    /// Inline suppressions: Compose `x-batten.ignore`, Kubernetes `batten.dev/ignore.*` annotations.
    public let suppressions: [InlineSuppression]

    public let compose: ComposeServiceDetails?
    public let kubernetes: KubernetesPodDetails?

    public init(
        format: InputFormat, kind: String, name: String, namespace: String? = nil, path: String,
        location: NodeRef, node: NodeRef, objectNode: NodeRef, sourceTemplate: String? = nil,
        containers: [Container] = [], hostNetwork: Sourced<Bool>? = nil, hostPID: Sourced<Bool>? = nil,
        hostIPC: Sourced<Bool>? = nil, hostUTS: Sourced<Bool>? = nil, hostUsers: Sourced<Bool>? = nil,
        sysctls: [Sourced<Sysctl>] = [], labels: [String: Sourced<String>] = [:],
        annotations: [String: Sourced<String>] = [:], suppressions: [InlineSuppression] = [],
        compose: ComposeServiceDetails? = nil, kubernetes: KubernetesPodDetails? = nil
    ) {
        self.format = format
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.path = path
        self.location = location
        self.node = node
        self.objectNode = objectNode
        self.sourceTemplate = sourceTemplate
        self.containers = containers
        self.hostNetwork = hostNetwork
        self.hostPID = hostPID
        self.hostIPC = hostIPC
        self.hostUTS = hostUTS
        self.hostUsers = hostUsers
        self.sysctls = sysctls
        self.labels = labels
        self.annotations = annotations
        self.suppressions = suppressions
        self.compose = compose
        self.kubernetes = kubernetes
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
