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
        remediation: """
            Add a `healthcheck` with a `test` that exercises the service (an HTTP probe, a client ping), with interval, \
            timeout and retries. For an image with a profile (`batten explain-image IMAGE`), the fix adds the check the \
            profile gives; for other images there is no fix, only you know what proves the service works.
            """,
        severity: .medium,
        family: .health,
        references: [.cisDocker("5.27")],
        formats: [.compose],
        fixKinds: [.known],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  ↓web:
                    image: example/web:1.4
                """, note: "No image profile matches: only you know what proves the service works, so there is no fix."),
            .triggering(
                .compose,
                """
                services:
                  ↓db:
                    image: postgres:17.2
                """,
                corrected: """
                    services:
                      db:
                        image: postgres:17.2
                        healthcheck:
                          test:
                            - CMD-SHELL
                            - pg_isready -h 127.0.0.1 -U "$${POSTGRES_USER:-postgres}" -d postgres
                          interval: 10s
                          timeout: 5s
                          retries: 5
                          start_period: 30s
                    """, note: "The postgres image profile gives a check that works in the image (`$$` keeps the `$` from Compose)."),
            .triggering(
                .compose,
                """
                services:
                  ↓api:
                    build: .
                """, files: ["Dockerfile": "FROM python:3.12-slim\nEXPOSE 8000\nHEALTHCHECK NONE\n"],
                note: "The Dockerfile turns the base image's check off; the finding names its line."),
            .passing(
                .compose,
                """
                services:
                  api:
                    build:
                      context: .
                      target: runtime
                """,
                files: [
                    "Dockerfile":
                        "FROM python:3.12-slim AS runtime\nHEALTHCHECK CMD python -c 'import urllib.request as u; u.urlopen(\"http://127.0.0.1:8000/health\")'\nFROM runtime AS debug\nHEALTHCHECK NONE\n"
                ], note: "The HEALTHCHECK of the stage `target` builds counts."),
            .triggering(
                .compose,
                """
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
            .passing(
                .compose,
                """
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

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard let container = workload.containers.first else { return [] }
        let name = FindingTarget(workload, container: container).displayName
        let build = workload.compose?.build
        switch ComposeHealthStatus(container, build: build) {
        case .configured, .fromDockerfile:
            return []
        case .disabledInDockerfile(let path, let line):
            return [
                context.finding(
                    "\(name) has no health check: its Dockerfile \(path):\(line) says `HEALTHCHECK NONE`; add a healthcheck with a test\(Self.exposedHint(build?.facts))",
                    at: container.location, in: workload, container: container, setting: "healthcheck")
            ]
        case .missing:
            var message = "\(name) has no health check: a hung or hijacked process still counts as running; "
            let match = context.imageProfile(for: workload)
            let fix = match.flatMap { ProfileHealthcheck.fix($0, workload: workload) }
            if let facts = build?.facts {
                message += "its Dockerfile \(facts.path) has no `HEALTHCHECK`; "
                if let match, fix != nil, let test = ProfileHealthcheck.summary(match.profile.healthcheck) {
                    message += "add the check \(match.phrase) gives (`\(test)`), or one there"
                } else {
                    message += "add one there or a healthcheck with a test here\(Self.exposedHint(facts))"
                }
            } else if let match {
                let check = match.profile.healthcheck
                if let test = ProfileHealthcheck.summary(check) {
                    if let unmet = ProfileHealthcheck.unmetRequirement(check, workload: workload) {
                        message += "add a healthcheck with a test (no check is proposed: the one \(match.phrase) gives, `\(test)`, would fail here: \(unmet))"
                    } else {
                        message += "add the check \(match.phrase) gives (`\(test)`)"
                    }
                } else {
                    message += "add a healthcheck with a test (\(match.phrase) has none that fits every use: \(check.reason))"
                }
            } else {
                message += "add a healthcheck with a test"
            }
            return [
                context.finding(
                    message, at: container.location, in: workload, container: container, setting: "healthcheck", fix: fix)
            ]
        case .disabled(let node):
            return [
                context.finding(
                    "\(name) disables its health check: a hung or hijacked process still counts as running; give the healthcheck a test",
                    at: node, in: workload, container: container, setting: "healthcheck")
            ]
        }
    }

    /// `; it exposes 8000 (Dockerfile:16), a port to probe` when the Dockerfile has `EXPOSE`.
    static func exposedHint(_ facts: DockerfileFacts?) -> String {
        guard let facts, let first = facts.exposedPorts.first else { return "" }
        let ports = facts.exposedPorts.map(\.value).joined(separator: ", ")
        return " that probes what it exposes (\(ports), \(facts.path):\(first.line))"
    }
}
