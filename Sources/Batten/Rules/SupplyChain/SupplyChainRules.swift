/// The rules of this family, in the order `batten rules` lists them.
public enum SupplyChainRules {
    public static let all: [any Rule.Type] = [MutableImageRule.self, PlaintextSecretRule.self]
}
