import BattenYAML

/// Extracts workloads from Kubernetes manifests: every workload kind to one pod-spec model.
public struct KubernetesLoader: Sendable {
    public init() {}

    /// Extracts the workloads, ServiceAccounts and notes of one file's documents.
    public func load(_ documents: [YAMLDocument], path: String) -> KubernetesLoadResult {
        KubernetesLoadResult()
    }

    /// Fills `serviceAccountAutomount` of every workload from the ServiceAccounts found in the whole input.
    public static func link(_ workloads: inout [Workload], serviceAccounts: [KubernetesServiceAccount]) {}
}

/// What one file yields.
public struct KubernetesLoadResult: Sendable {
    public var workloads: [Workload] = []
    public var serviceAccounts: [KubernetesServiceAccount] = []
    /// Notes (skipped custom resources, unknown kinds), warnings and errors (a workload that cannot be read).
    public var diagnostics: [Diagnostic] = []

    public init(workloads: [Workload] = [], serviceAccounts: [KubernetesServiceAccount] = [], diagnostics: [Diagnostic] = []) {
        self.workloads = workloads
        self.serviceAccounts = serviceAccounts
        self.diagnostics = diagnostics
    }
}

/// A ServiceAccount object of the input.
public struct KubernetesServiceAccount: Sendable {
    public var name: String
    public var namespace: String?
    public var automountServiceAccountToken: Sourced<Bool>?
    public var node: NodeRef

    public init(name: String, namespace: String?, automountServiceAccountToken: Sourced<Bool>?, node: NodeRef) {
        self.name = name
        self.namespace = namespace
        self.automountServiceAccountToken = automountServiceAccountToken
        self.node = node
    }
}
