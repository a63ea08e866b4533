/// The control families of the per-workload summary table.
public enum ControlFamily: String, Sendable, Hashable, CaseIterable, Codable {
    case privileges
    case filesystem
    case hostIsolation = "host-isolation"
    case resources
    case health
    case supplyChain = "supply-chain"
    case meta

    /// Hashes the case, not its raw text: the failing families of every workload are gathered in
    /// sets, and hashing a string for each insertion cost more than the rest of the tally.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }

    private var ordinal: Int {
        switch self {
        case .privileges: return 0
        case .filesystem: return 1
        case .hostIsolation: return 2
        case .resources: return 3
        case .health: return 4
        case .supplyChain: return 5
        case .meta: return 6
        }
    }

    public var title: String {
        switch self {
        case .privileges: return "privileges"
        case .filesystem: return "filesystem"
        case .hostIsolation: return "host isolation"
        case .resources: return "resources"
        case .health: return "health"
        case .supplyChain: return "supply chain"
        case .meta: return "meta"
        }
    }
}
