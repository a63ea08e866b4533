/// The rules of this family, in the order `batten rules` lists them.
public enum PrivilegeRules {
    public static let all: [any Rule.Type] = [
        PrivilegedContainerRule.self,
        PrivilegeEscalationRule.self,
        RunsAsRootRule.self,
        CapabilitiesNotDroppedRule.self,
        CapabilitiesAddedRule.self,
        SeccompUnconfinedRule.self,
        SeccompNotSetRule.self,
        AppArmorUnconfinedRule.self,
        SELinuxCustomRule.self,
    ]
}
