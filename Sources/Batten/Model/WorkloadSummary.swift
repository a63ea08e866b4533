/// What reports say of a workload: its identity, where it is, and its containers' names — without
/// the YAML nodes a ``Workload`` keeps, so that a run can let the parsed files go once a workload is
/// audited.
public struct WorkloadSummary: Sendable, Hashable {
    /// ``Workload/id``.
    public var id: String
    public var format: InputFormat
    public var kind: String
    public var name: String
    public var namespace: String?
    /// ``Workload/displayName``.
    public var displayName: String
    /// The file and line of the workload's definition.
    public var path: String
    public var line: Int
    /// Container names, init and ephemeral containers included, in manifest order.
    public var containers: [String]

    public init(_ workload: Workload) {
        id = workload.id
        format = workload.format
        kind = workload.kind
        name = workload.name
        namespace = workload.namespace
        displayName = workload.displayName
        path = workload.location.path
        line = workload.location.start.line
        containers = workload.containers.map { $0.name }
    }
}
