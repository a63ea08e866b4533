/// The rules of this family, in the order `batten rules` lists them.
public enum FilesystemRules {
    public static let all: [any Rule.Type] = [WritableRootFilesystemRule.self, BindMountRule.self, MovedDataPathRule.self]
}
