import BattenYAML

/// A resource limit of a Compose service and the keys that can set it.
///
/// Compose accepts each limit twice: the legacy service key (`mem_limit`, `cpus`, `pids_limit`) and
/// `deploy.resources.limits.*`. It rejects a service whose legacy key and `deploy.resources.limits`
/// disagree — and a legacy key next to a `deploy.resources.limits` mapping that lacks the same limit
/// disagrees with it. A fix therefore writes the style the service already uses.
enum ComposeLimit: Sendable, CaseIterable {
    case memory
    case cpus
    case pids

    /// The legacy service key.
    var legacyKey: String {
        switch self {
        case .memory: return "mem_limit"
        case .cpus: return "cpus"
        case .pids: return "pids_limit"
        }
    }

    /// The key inside `deploy.resources.limits`.
    var deployKey: String {
        switch self {
        case .memory: return "memory"
        case .cpus: return "cpus"
        case .pids: return "pids"
        }
    }

    static let deployLimitsPath = ["deploy", "resources", "limits"]

    var legacyPath: [String] { [legacyKey] }
    var deployPath: [String] { Self.deployLimitsPath + [deployKey] }

    /// The path a fix sets for this limit on a service that has none: `deploy.resources.limits.*`,
    /// unless the service writes its other limits with legacy keys and has no `deploy.resources.limits`.
    func fixPath(in service: ComposeServiceDetails?) -> [String] {
        guard let merged = service?.merged else { return deployPath }
        if merged.value(at: Self.deployLimitsPath) != nil { return deployPath }
        let usesLegacyKeys = ComposeLimit.allCases.contains { merged[$0.legacyKey] != nil }
        return usesLegacyKeys ? legacyPath : deployPath
    }

    /// The keys of the merged service that set this limit, with their values and nodes.
    func writtenValues(in service: ComposeServiceDetails?) -> [(path: [String], value: String, node: NodeRef?)] {
        guard let merged = service?.merged else { return [] }
        return [legacyPath, deployPath].compactMap { path in
            guard let scalar = merged.value(at: path)?.scalar else { return nil }
            return (path, scalar.value, scalar.node)
        }
    }
}
