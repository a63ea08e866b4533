/// A Compose service placed in a custom cgroup.
public struct CgroupParentRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "cgroup-parent",
        title: "Custom cgroup parent",
        rationale: """
            `cgroup_parent` moves the container out of the cgroup the engine manages for containers and into one \
            chosen in the file. The limits and accounting of that cgroup apply instead of the ones set for the \
            container, which can grant more resources than intended or starve the host's own services.
            """,
        remediation: "Remove `cgroup_parent` unless the host's cgroup layout was designed for it, and document why.",
        severity: .medium,
        family: .hostIsolation,
        references: [.cisDocker("5.25")],
        formats: [.compose],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  batch:
                    image: example/batch:1.0
                    ↓cgroup_parent: system.slice
                """),
            .passing(
                .compose,
                """
                services:
                  batch:
                    image: example/batch:1.0
                    deploy:
                      resources:
                        limits:
                          cpus: "2"
                          memory: 1g
                """),
        ])

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard let parent = workload.compose?.cgroupParent, !parent.value.trimmingWhitespace.isEmpty else { return [] }
        let who = FindingTarget(workload).displayName
        return [
            context.finding(
                "\(who) runs in the custom cgroup \(parent.value); remove `cgroup_parent` so the engine's limits apply",
                at: parent.node, in: workload, container: workload.containers.first, setting: "cgroup_parent")
        ]
    }
}
