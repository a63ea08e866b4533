/// Resource limits or requests as written (`512m`, `0.5`, `1Gi`, `100`).
public struct ResourceSettings: Sendable {
    /// Compose `deploy.resources.*.memory` or legacy `mem_limit`/`mem_reservation`; Kubernetes `memory`.
    public var memory: Sourced<String>?
    /// Compose `deploy.resources.*.cpus` or legacy `cpus`; Kubernetes `cpu`.
    public var cpu: Sourced<String>?
    /// Compose `deploy.resources.limits.pids` or legacy `pids_limit`.
    public var pids: Sourced<String>?
    /// Kubernetes `ephemeral-storage`.
    public var ephemeralStorage: Sourced<String>?

    public init(
        memory: Sourced<String>? = nil, cpu: Sourced<String>? = nil, pids: Sourced<String>? = nil,
        ephemeralStorage: Sourced<String>? = nil
    ) {
        self.memory = memory
        self.cpu = cpu
        self.pids = pids
        self.ephemeralStorage = ephemeralStorage
    }
}
