import BattenYAML

/// Whether a Compose service's container has a health check that runs.
///
/// Only the Compose file is consulted: a service without `healthcheck` counts as unchecked even when
/// its image declares a `HEALTHCHECK` (reading the Dockerfile is a separate source of truth that can
/// be added here).
enum ComposeHealthStatus {
    /// A `healthcheck` with a test, or one that keeps the image's test (no `test` key).
    case configured
    /// `healthcheck` with `disable: true` or `test: ["NONE"]`; the node is the `healthcheck` mapping.
    case disabled(NodeRef)
    /// No `healthcheck` key.
    case missing

    init(_ container: Container) {
        guard let healthcheck = container.healthcheck else {
            self = .missing
            return
        }
        if healthcheck.disabled || healthcheck.test?.first?.uppercased() == "NONE" {
            self = .disabled(healthcheck.node)
        } else {
            self = .configured
        }
    }

    var isWorking: Bool {
        if case .configured = self { return true }
        return false
    }
}
