import BattenYAML

/// A privileged container has every capability and every host device: it is root on the host.
public struct PrivilegedContainerRule: ContainerRule {
    public init() {}

    public static let description = RuleDescription(
        id: "privileged-container",
        title: "Privileged container",
        rationale: """
            A privileged container gets every Linux capability, every host device, and no seccomp, AppArmor or \
            SELinux confinement. Anyone who runs code in it can mount the host's disks, load kernel modules and \
            take over the node: it is root on the host with extra steps.
            """,
        remediation: """
            Set `privileged: false` (or remove it). Grant the one capability or device the workload really needs \
            instead, and review why it asked for privileged mode.
            """,
        severity: .critical,
        family: .privileges,
        references: [.cisDocker("5.5"), .pss(.baseline, "Privileged Containers")],
        formats: [.compose, .kubernetes],
        fixKinds: [.decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    ↓privileged: true
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        privileged: false
                    """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    privileged: false
                  worker:
                    image: busybox:1.36
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  initContainers:
                  - name: setup
                    image: busybox:1.36
                    securityContext:
                      ↓privileged: true
                  containers:
                  - name: app
                    image: nginx:1.27
                    securityContext:
                      ↓privileged: true
                """,
                corrected: """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: web
                    spec:
                      initContainers:
                      - name: setup
                        image: busybox:1.36
                        securityContext:
                          privileged: false
                      containers:
                      - name: app
                        image: nginx:1.27
                        securityContext:
                          privileged: false
                    """),
            .passing(
                .kubernetes,
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                      - name: app
                        image: nginx:1.27
                        securityContext:
                          privileged: false
                      - name: sidecar
                        image: busybox:1.36
                """),
        ])

    public func checkContainer(_ container: Container, in workload: Workload, context: RuleContext) -> [Finding] {
        guard let privileged = container.privileged, privileged.value else { return [] }
        let target = FindingTarget(workload, container: container).displayName
        let change: Change
        let setting: String
        switch workload.format {
        case .compose:
            setting = "privileged"
            change = Change(
                scope: .service, path: ["privileged"], operation: .set(.bool(false)), target: workload.node,
                existing: privileged.node)
        case .kubernetes:
            setting = "securityContext.privileged"
            change = PrivilegeChanges.container(container, ["privileged"], .bool(false), existing: privileged.node)
        }
        return [
            context.finding(
                "\(target) runs privileged, which gives it root on the host; set `privileged: false` and grant only the capabilities or devices it needs",
                at: privileged.node, in: workload, container: container, setting: setting,
                fix: Fix(
                    title: "Set privileged: false", kind: .decision, changes: [change],
                    reason: "Batten cannot know which devices or capabilities it uses that privileged mode gave it"))
        ]
    }
}
