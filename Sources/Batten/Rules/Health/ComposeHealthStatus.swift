import BattenYAML

/// Whether a Compose service's container has a health check that runs: its own `healthcheck`, or,
/// for a service built here, the `HEALTHCHECK` of its Dockerfile.
enum ComposeHealthStatus {
    /// A `healthcheck` with a test, or one that keeps the image's test (no `test` key).
    case configured
    /// No `healthcheck` key, but the Dockerfile the service is built from has a `HEALTHCHECK`.
    case fromDockerfile(path: String, line: Int)
    /// `healthcheck` with `disable: true` or `test: ["NONE"]`; the node is the `healthcheck` mapping.
    case disabled(NodeRef)
    /// No `healthcheck` key (and no Dockerfile `HEALTHCHECK`).
    case missing
    /// No `healthcheck` key, and the Dockerfile says `HEALTHCHECK NONE`.
    case disabledInDockerfile(path: String, line: Int)

    init(_ container: Container, build: BuildSettings? = nil) {
        guard let healthcheck = container.healthcheck else {
            if let facts = build?.facts, let check = facts.healthcheck {
                self =
                    facts.hasHealthcheck
                    ? .fromDockerfile(path: facts.path, line: check.line) : .disabledInDockerfile(path: facts.path, line: check.line)
            } else {
                self = .missing
            }
            return
        }
        if healthcheck.disabled || healthcheck.test?.first?.uppercased() == "NONE" {
            self = .disabled(healthcheck.node)
        } else {
            self = .configured
        }
    }

    var isWorking: Bool {
        switch self {
        case .configured, .fromDockerfile: return true
        case .disabled, .missing, .disabledInDockerfile: return false
        }
    }
}
