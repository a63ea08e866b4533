/// The rules of this family, in the order `batten rules` lists them.
public enum MetaRules {
    public static let all: [any Rule.Type] = [SuppressionWithoutReasonRule.self, UnusedSuppressionRule.self, MisspeltFieldRule.self]
}
