/// The rules of this family, in the order `batten rules` lists them.
public enum HostIsolationRules {
    public static let all: [any Rule.Type] = []
}
