/// A container that asks for an unmasked /proc.
///
/// Pod Security Standards (`check_procMount_baseline.go`, `check_procMount_restricted.go`): any
/// `procMount` other than `Default` is forbidden. From policy v1.35 the baseline level allows it
/// for pods in a user namespace (`hostUsers: false`); the restricted level never does. The
/// parameter `allow-with-user-namespace` selects the baseline behaviour.
public struct ProcMountUnmaskedRule: ContainerRule {
    public init() {}

    static let allowWithUserNamespace = RuleParameter<Bool>(
        name: "allow-with-user-namespace", default: false,
        summary: "Allow a non-default procMount in pods with `hostUsers: false`, as the baseline level does from v1.35 (restricted never allows it).")

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
        parameters: [allowWithUserNamespace],
        examples: [
            .triggering(
                .kubernetes,
                """
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
            .triggering(
                .kubernetes,
                """
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
            .passing(
                .kubernetes,
                """
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
                """, parameters: [allowWithUserNamespace.set(to: true)],
                note: "the baseline level allows it in a user namespace from v1.35"),
            .passing(
                .kubernetes,
                """
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

    public func checkContainer(_ container: Container, in workload: Workload, context: RuleContext) -> [Finding] {
        guard let procMount = container.kubernetes?.securityContext.procMount ?? container.procMount,
            procMount.value != "Default"
        else { return [] }
        let inUserNamespace = workload.hostUsers?.value == false
        if inUserNamespace && context.value(of: Self.allowWithUserNamespace)
            && context.pssVersion.enforces(.userNamespaceRelaxations)
        {
            return []
        }
        let who = FindingTarget(workload, container: container).displayName
        return [
            context.finding(
                "\(who) sets `procMount: \(procMount.value)`, which unmasks the host kernel's /proc entries; remove it",
                at: procMount.node, in: workload, container: container, setting: "securityContext.procMount")
        ]
    }
}
