/// The rules of this family, in the order `batten rules` lists them.
public enum HealthRules {
    public static let all: [any Rule.Type] = [
        MissingHealthcheckRule.self, MissingProbesRule.self, RestartWithoutHealthcheckRule.self,
    ]
}
