/// A Compose service that restarts forever without a health check.
public struct RestartWithoutHealthcheckRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "restart-without-healthcheck",
        title: "Unbounded restart without a health check",
        rationale: """
            `restart: always` and `unless-stopped` (and `deploy.restart_policy` with condition `any` and no \
            `max_attempts`) restart a container for ever. Without a health check nothing reports that it \
            does: a crash loop — a broken release, a tampered configuration, an exploit that kills the \
            process — looks like a running service while it burns host resources. The CIS Docker Benchmark \
            recommends `on-failure` with at most 5 retries. `deploy.restart_policy` takes precedence over \
            `restart` when both are set.
            """,
        remediation: """
            Add a `healthcheck` with a test, or restart with a bound: `restart: on-failure:5`. For an image with a \
            profile the fix adds the profile's health check.
            """,
        severity: .low,
        family: .health,
        references: [.cisDocker("5.15")],
        formats: [.compose],
        fixKinds: [.known],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    ↓restart: always
                  worker:
                    image: example/worker:2.4
                    ↓restart: unless-stopped
                    healthcheck:
                      disable: true
                """),
            .triggering(
                .compose,
                """
                services:
                  api:
                    image: example/api:3.1
                    deploy:
                      restart_policy:
                        ↓condition: any
                """),
            .triggering(
                .compose,
                """
                services:
                  cache:
                    image: redis:7.4
                    ↓restart: always
                """,
                corrected: """
                    services:
                      cache:
                        image: redis:7.4
                        restart: always
                        healthcheck:
                          test:
                            - CMD
                            - redis-cli
                            - ping
                          interval: 10s
                          timeout: 5s
                          retries: 5
                          start_period: 10s
                    """, note: "The redis image profile gives a check that works in the image."),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    restart: always
                    healthcheck:
                      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]
                  worker:
                    image: example/worker:2.4
                    restart: on-failure:5
                  api:
                    image: example/api:3.1
                    deploy:
                      restart_policy:
                        condition: any
                        max_attempts: 5
                """),
        ])

    static let unboundedPolicies: Set<String> = ["always", "unless-stopped", "any"]

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard let container = workload.containers.first, let service = workload.compose else { return [] }
        let status = ComposeHealthStatus(container, build: service.build)
        guard !status.isWorking, let policy = Self.unboundedPolicy(of: service) else { return [] }
        let name = FindingTarget(workload, container: container).displayName
        var because = ""
        if case .disabledInDockerfile(let path, let line) = status { because = " (its Dockerfile \(path):\(line) says `HEALTHCHECK NONE`)" }
        var advice = "add a healthcheck or use `restart: on-failure:5`"
        var fix: Fix?
        if case .missing = status, let match = context.imageProfile(for: workload) {
            if let profileFix = ProfileHealthcheck.fix(match, workload: workload) {
                fix = profileFix
                advice = "add the health check \(match.phrase) gives, or use `restart: on-failure:5`"
            } else if let unmet = ProfileHealthcheck.unmetRequirement(match.profile.healthcheck, workload: workload) {
                advice += " (no check is proposed: the one \(match.phrase) gives would fail here: \(unmet))"
            }
        }
        return [
            context.finding(
                "\(name) restarts `\(policy.value)` without a health check\(because): a crash loop or a hung process goes "
                    + "unnoticed; \(advice)",
                at: policy.node, in: workload, container: container, setting: "restart", fix: fix)
        ]
    }

    /// The setting that restarts the service without a bound, if any. `deploy.restart_policy` wins
    /// over `restart`, as in Compose; without a condition it restarts nothing.
    static func unboundedPolicy(of service: ComposeServiceDetails) -> Sourced<String>? {
        let hasDeployPolicy = service.merged.value(at: ["deploy", "restart_policy"]) != nil
        if hasDeployPolicy || service.restartPolicyCondition != nil {
            guard let condition = service.restartPolicyCondition,
                unboundedPolicies.contains(condition.value.trimmingWhitespace.lowercased())
            else { return nil }
            if let attempts = service.restartPolicyMaxAttempts, let count = Int(attempts.value.trimmingWhitespace), count > 0 {
                return nil
            }
            return condition
        }
        guard let restart = service.restart else { return nil }
        let mode = restart.value.trimmingWhitespace.lowercased()
        return unboundedPolicies.contains(mode) && mode != "any" ? restart : nil
    }
}
