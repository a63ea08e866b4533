/// A Compose service without a PIDs limit can fork-bomb its host.
public struct PIDsLimitRule: Rule {
    public init() {}

    static let pids = RuleParameter<Int>(
        name: "pids", default: 200,
        summary: "The PIDs limit a fix proposes.")

    public static let description = RuleDescription(
        id: "pids-limit",
        title: "No PIDs limit",
        rationale: """
            Docker puts no bound on the number of processes a container may start. One fork bomb — a single \
            shell line run by an attacker or a bug that spawns without end — fills the host's process table, \
            and then nothing on the host can start a process, not even a shell to repair it. A PIDs limit \
            confines the damage to the container. A limit of 0 or -1 means no limit.
            """,
        remediation: """
            Set `deploy.resources.limits.pids` (or `pids_limit` on a service that uses the legacy limit keys) \
            to a few times the number of processes the service needs.
            """,
        severity: .medium,
        family: .resources,
        references: [.cisDocker("5.29")],
        formats: [.compose],
        parameters: [pids],
        fixKinds: [.decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  ↓web:
                    image: nginx:1.27
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        deploy:
                          resources:
                            limits:
                              pids: 200
                    """,
                note:
                    "Compose rejects `pids_limit` next to a `deploy.resources.limits` without the same value, so a fix writes the style the service's other limits use."
            ),
            .triggering(
                .compose,
                """
                services:
                  worker:
                    image: example/worker:2.4
                    mem_limit: 256m
                    ↓pids_limit: -1
                """,
                corrected: """
                    services:
                      worker:
                        image: example/worker:2.4
                        mem_limit: 256m
                        pids_limit: 200
                    """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    pids_limit: 100
                  api:
                    image: example/api:3.1
                    deploy:
                      resources:
                        limits:
                          memory: 512M
                          pids: 300
                """),
        ])

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard let container = workload.containers.first else { return [] }
        let pids = context.value(of: Self.pids)
        let name = FindingTarget(workload, container: container).displayName
        let setting = ComposeLimit.pids.deployPath.joined(separator: ".")
        let title = "Set a PIDs limit of \(pids)"
        let reason =
            "the limit counts threads too, and Batten cannot know how many the service starts (a JVM or a database may need hundreds); \(pids) is the policy's default"
        guard let limit = container.limits.pids else {
            let path = ComposeLimit.pids.fixPath(in: workload.compose)
            let change = Change(scope: .service, path: path, operation: .set(.int(pids)), target: workload.node)
            return [
                context.finding(
                    "\(name) has no PIDs limit: a fork bomb in the container can exhaust the host's process table; "
                        + "set \(path.joined(separator: ".")) (for example \(pids))",
                    at: container.location, in: workload, container: container, setting: setting,
                    fix: Fix(title: title, kind: .decision, changes: [change], reason: reason))
            ]
        }
        guard ResourceQuantity.isUnbounded(limit.value) else { return [] }
        var written = ComposeLimit.pids.writtenValues(in: workload.compose)
            .filter { ResourceQuantity.isUnbounded($0.value) }
            .map { (path: $0.path, node: $0.node) }
        if written.isEmpty {
            let writtenAsDeploy = limit.node.keyNode?.scalar == ComposeLimit.pids.deployKey
            written = [(writtenAsDeploy ? ComposeLimit.pids.deployPath : ComposeLimit.pids.legacyPath, limit.node)]
        }
        let changes = written.map {
            Change(scope: .service, path: $0.path, operation: .set(.int(pids)), target: workload.node, existing: $0.node)
        }
        let key = written.first?.path.joined(separator: ".") ?? ComposeLimit.pids.legacyKey
        return [
            context.finding(
                "\(name) sets \(key) to \(limit.value), which is no limit: a fork bomb in the container can exhaust the "
                    + "host's process table; set a limit such as \(pids)",
                at: limit.node, in: workload, container: container, setting: setting,
                fix: Fix(title: title, kind: .decision, changes: changes, reason: reason))
        ]
    }
}
