/// A container that asks for an unmasked /proc.
///
/// Pod Security Standards (`check_procMount_baseline.go`, `check_procMount_restricted.go`): any
/// `procMount` other than `Default` is forbidden. From policy v1.35 the baseline level allows it
/// for pods in a user namespace (`hostUsers: false`); the restricted level never does. The
/// parameter `allow-with-user-namespace` selects the baseline behaviour.
public struct ProcMountUnmaskedRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "proc-mount-unmasked",
        title: "Unmasked /proc",
        rationale: """
            The container runtime masks and makes read-only the parts of /proc and /sys that expose the host \
            kernel (`/proc/kcore`, `/proc/sysrq-trigger`, `/proc/sys`). `procMount: Unmasked` removes those masks: \
            outside a user namespace a process in the container can then read kernel memory or reconfigure the host.
            """,
        remediation: "Remove `securityContext.procMount`, or set it to `Default`.",
        severity: .high,
        family: .hostIsolation,
        references: [.pss(.baseline, "/proc Mount Type"), .pss(.restricted, "/proc Mount Type")],
        formats: [.kubernetes],
        parameters: [
            RuleParameter(
                "allow-with-user-namespace", default: .bool(false),
                "Allow a non-default procMount in pods with `hostUsers: false`, as the baseline level does from v1.35 (restricted never allows it)."),
        ],
        examples: [
            .triggering(.kubernetes, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: nested
                spec:
                  containers:
                  - name: builder
                    image: example/builder:1.0
                    securityContext:
                      ↓procMount: Unmasked
                """),
            .triggering(.kubernetes, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: nested
                spec:
                  hostUsers: false
                  containers:
                  - name: builder
                    image: example/builder:1.0
                    securityContext:
                      ↓procMount: Unmasked
                """, note: "the restricted level forbids it even in a user namespace"),
            .passing(.kubernetes, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: nested
                spec:
                  hostUsers: false
                  containers:
                  - name: builder
                    image: example/builder:1.0
                    securityContext:
                      procMount: Unmasked
                """, parameters: ["allow-with-user-namespace": .bool(true)],
                note: "the baseline level allows it in a user namespace from v1.35"),
            .passing(.kubernetes, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: app
                spec:
                  containers:
                  - name: app
                    image: example/app:2.3
                    securityContext:
                      procMount: Default
                """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        let inUserNamespace = workload.hostUsers?.value == false
        if inUserNamespace && context.bool("allow-with-user-namespace") && context.pssVersion.includes(35) { return [] }
        var findings: [Finding] = []
        for container in workload.containers {
            guard let procMount = container.kubernetes?.securityContext.procMount ?? container.procMount,
                  procMount.value != "Default" else { continue }
            let who = FindingTarget(workload, container: container).displayName
            findings.append(context.finding(
                "\(who) sets `procMount: \(procMount.value)`, which unmasks the host kernel's /proc entries; remove it",
                at: procMount.node, in: workload, container: container, setting: "securityContext.procMount"))
        }
        return findings
    }
}
