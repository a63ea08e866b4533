/// Every rule Batten has, by family. Each family folder lists its rules in its own catalog file.
public enum RuleRegistry {
    public static let all: [any Rule.Type] =
        PrivilegeRules.all + FilesystemRules.all + HostIsolationRules.all + ResourceRules.all + HealthRules.all
        + SupplyChainRules.all + MetaRules.all

    /// The rule with `id`, if any.
    public static func rule(_ id: String) -> (any Rule.Type)? {
        byID[id]
    }

    public static var ids: [String] { all.map { $0.description.id } }

    /// The control family of every rule, by id.
    public static let families: [String: ControlFamily] = {
        var table: [String: ControlFamily] = [:]
        for rule in all { table[rule.description.id] = rule.description.family }
        return table
    }()

    private static let byID: [String: any Rule.Type] = {
        var table: [String: any Rule.Type] = [:]
        for rule in all { table[rule.description.id] = rule }
        return table
    }()
}
