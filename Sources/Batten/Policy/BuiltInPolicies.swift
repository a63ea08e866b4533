import BattenYAML

/// The policies shipped in `Policies/`, embedded in the binary.
public enum BuiltInPolicies {
    /// Names accepted by `--policy` and `extends`, from the loosest to the strictest.
    public static let names = ["baseline", "restricted", "production"]

    /// The policy Batten uses when neither `--policy` nor a `.batten.yaml` says otherwise.
    public static let defaultName = "production"

    /// The source of the built-in policy `name`, named `<builtin>/NAME.yaml` in messages.
    public static func source(_ name: String) -> SourceFile? {
        let bytes: [UInt8]
        switch name {
        case "baseline": bytes = PackageResources.baseline_yaml
        case "restricted": bytes = PackageResources.restricted_yaml
        case "production": bytes = PackageResources.production_yaml
        default: return nil
        }
        return SourceFile(path: "<builtin>/\(name).yaml", bytes: bytes)
    }
}
