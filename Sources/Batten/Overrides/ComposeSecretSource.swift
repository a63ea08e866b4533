import BattenYAML

/// Where a Compose secret made from a plaintext secret takes its value (`--secret-source`): a file
/// the user writes (`{file: ./secrets/name.txt}`, the default) or a variable of the environment
/// `docker compose` runs in (`{environment: NAME}`).
///
/// A file is the default: the value stays out of the environment of `docker compose`, of shell
/// histories and of a committed `.env`; it can be readable by its owner only and listed in
/// `.gitignore`. The environment suits deployments whose secret store sets variables (CI, systemd
/// credentials).
public enum ComposeSecretSource: String, Sendable, Hashable, CaseIterable {
    case file
    case environment

    /// `change` with the top-level secret's source set to this one: a plaintext secret's migration
    /// (``ComposeSecretMigration``) writes `{file: …}`; the environment variable is the secret's name
    /// in upper case.
    func applied(to change: Change) -> Change {
        guard self == .environment, change.scope == .project, change.path.count == 2, change.path.first == "secrets",
            let name = change.path.last
        else { return change }
        var result = change
        result.operation = .set(.mapping([("environment", .string(Self.variable(of: name)))]))
        return result
    }

    /// The environment variable of a secret named `name` with the `environment` source.
    static func variable(of name: String) -> String {
        name.uppercased()
    }

    /// What the user does before the project starts: `write the value to ./secrets/name.txt`.
    func instruction(for name: String) -> String {
        switch self {
        case .file: return "write the value to \(ComposeSecretMigration.file(of: name))"
        case .environment: return "set \(Self.variable(of: name)) in the environment of docker compose"
        }
    }
}
