import BattenYAML

/// The environment and `command`/`entrypoint` words of a Compose service, against which a profile's
/// conditions (``ImageProfile/Condition``) are checked: what a health check `requires`, what secures
/// or exposes a service (`unauthenticated-service`).
struct ServiceConditions {
    private var environment: [String: EnvironmentVariable] = [:]
    private var words: [String] = []

    init(_ container: Container, workload: Workload) {
        for variable in workload.compose?.envFileVariables ?? [] { environment[variable.name] = variable }
        for variable in container.environment { environment[variable.name] = variable }
        for key in ["entrypoint", "command"] {
            guard let tree = workload.compose?.merged[key] else { continue }
            let parts = tree.items?.compactMap { $0.scalar?.value } ?? tree.scalar.map { ShellWords.split($0.value) ?? [$0.value] } ?? []
            for part in parts {
                words.append(part)
                words += part.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
            }
        }
    }

    /// True when the service has the setting. An interpolated variable (`${PING}`) counts as set
    /// only for a condition without a value: its value is not known.
    func holds(_ condition: ImageProfile.Condition) -> Bool {
        switch condition {
        case .environment(let name, let value):
            guard let variable = environment[name] else { return false }
            if variable.isInterpolated || variable.value == nil { return value == nil }
            let text = variable.value ?? ""
            if let value { return text.trimmingWhitespace.lowercased() == value.lowercased() }
            return !text.isEmpty
        case .argument(let pattern):
            return words.contains { Self.word($0, matches: pattern) }
        }
    }

    /// The node that sets an environment condition, for a finding's location.
    func node(of condition: ImageProfile.Condition) -> NodeRef? {
        if case .environment(let name, _) = condition { return environment[name]?.node }
        return nil
    }

    /// `--ping` matches `--ping` and `--ping=…`; a pattern with `*` is a glob over the whole word.
    static func word(_ word: String, matches pattern: String) -> Bool {
        guard pattern.contains("*") else { return word == pattern || word.hasPrefix(pattern + "=") }
        return Wildcard.matches(Substring(pattern), Substring(word))
    }
}
