import BattenYAML

/// The settings of one workload while a loader reads them, field by field, with its containers
/// still open to change; ``build()`` freezes them into the ``Workload`` that rules read. The fields
/// are those of ``Workload``.
struct WorkloadBuilder {
    var format: InputFormat
    var kind: String
    var name: String
    var namespace: String?
    var path: String
    var location: NodeRef
    var node: NodeRef
    var objectNode: NodeRef
    var sourceTemplate: String?
    var containers: [ContainerBuilder] = []
    var hostNetwork: Sourced<Bool>?
    var hostPID: Sourced<Bool>?
    var hostIPC: Sourced<Bool>?
    var hostUTS: Sourced<Bool>?
    var hostUsers: Sourced<Bool>?
    var sysctls: [Sourced<Sysctl>] = []
    var labels: [String: Sourced<String>] = [:]
    var annotations: [String: Sourced<String>] = [:]
    var suppressions: [InlineSuppression] = []
    var compose: ComposeServiceDetails?
    var kubernetes: KubernetesPodDetails?

    /// The workload with these settings and its containers built.
    func build() -> Workload {
        Workload(
            format: format, kind: kind, name: name, namespace: namespace, path: path, location: location,
            node: node, objectNode: objectNode, sourceTemplate: sourceTemplate,
            containers: containers.map { $0.build() }, hostNetwork: hostNetwork, hostPID: hostPID, hostIPC: hostIPC,
            hostUTS: hostUTS, hostUsers: hostUsers, sysctls: sysctls, labels: labels, annotations: annotations,
            suppressions: suppressions, compose: compose, kubernetes: kubernetes)
    }
}
