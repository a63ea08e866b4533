/// The rules of this family, in the order `batten rules` lists them.
public enum ResourceRules {
    public static let all: [any Rule.Type] = [
        MemoryLimitRule.self, CPULimitRule.self, ResourceRequestsRule.self, PIDsLimitRule.self,
    ]
}
