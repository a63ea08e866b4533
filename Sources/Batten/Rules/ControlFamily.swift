/// The control families of the per-workload summary table.
public enum ControlFamily: String, Sendable, Hashable, CaseIterable, Codable {
    case privileges
    case filesystem
    case hostIsolation = "host-isolation"
    case resources
    case health
    case supplyChain = "supply-chain"
    case meta

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
