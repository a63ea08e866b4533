/// A Compose service without a working health check.
public struct MissingHealthcheckRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "missing-healthcheck",
        title: "No health check",
        rationale: """
            Without a health check Docker knows only whether the main process exists, not whether it \
            works. A deadlocked, hijacked or half-started service stays "running", dependants that wait \
            for `service_healthy` cannot, and nobody is told. Every service is checked, one-shot jobs too: \
            a job that should not be checked says so with a suppression and a reason. A `healthcheck` \
            without a `test` keeps the image's own check and counts as configured.
            """,
        remediation: "Add a `healthcheck` with a `test` that exercises the service (an HTTP probe, a client ping), with interval, timeout and retries.",
        severity: .medium,
        family: .health,
        references: [.cisDocker("5.27")],
        formats: [.compose],
        examples: [
            .triggering(.compose, """
                services:
                  ↓web:
                    image: nginx:1.27
                """),
            .triggering(.compose, """
                services:
                  api:
                    image: example/api:3.1
                    ↓healthcheck:
                      disable: true
                  cache:
                    image: redis:7.4
                    ↓healthcheck:
                      test: ["NONE"]
                """),
            .passing(.compose, """
                services:
                  web:
                    image: nginx:1.27
                    healthcheck:
                      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]
                      interval: 30s
                      timeout: 5s
                      retries: 3
                  db:
                    image: postgres:16.4
                    healthcheck:
                      test: pg_isready -U postgres
                """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard let container = workload.containers.first else { return [] }
        let name = FindingTarget(workload, container: container).displayName
        switch ComposeHealthStatus(container, build: workload.compose?.build) {
        case .configured, .fromDockerfile:
            return []
        case .disabledInDockerfile(let path, let line):
            return [context.finding(
                "\(name) has no health check: its Dockerfile \(path):\(line) says `HEALTHCHECK NONE`; add a healthcheck with a test",
                at: container.location, in: workload, container: container, setting: "healthcheck")]
        case .missing:
            return [context.finding(
                "\(name) has no health check: a hung or hijacked process still counts as running; add a healthcheck with a test",
                at: container.location, in: workload, container: container, setting: "healthcheck")]
        case .disabled(let node):
            return [context.finding(
                "\(name) disables its health check: a hung or hijacked process still counts as running; give the healthcheck a test",
                at: node, in: workload, container: container, setting: "healthcheck")]
        }
    }
}
