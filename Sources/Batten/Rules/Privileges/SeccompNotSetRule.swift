import BattenYAML

/// Kubernetes runs containers without any seccomp filter unless a profile is set (or the kubelet
/// defaults to one): the restricted level requires one.
public struct SeccompNotSetRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "seccomp-not-set",
        title: "Seccomp profile not set",
        rationale: """
            Unlike Docker, Kubernetes runs containers `Unconfined` by default: no seccomp filter at all, unless \
            every node's kubelet runs with `seccompDefault: true`, which a manifest cannot rely on. Every system \
            call of the kernel is then reachable from the container, including those behind many kernel \
            exploits. The Pod Security Standards restricted level requires `RuntimeDefault` or `Localhost` on \
            the pod or on every container (Windows pods are exempt from v1.25). Compose needs no setting: Docker \
            applies its default profile.
            """,
        remediation: "Set `securityContext.seccompProfile: {type: RuntimeDefault}` on the pod spec.",
        severity: .medium,
        family: .privileges,
        references: [.pss(.restricted, "Seccomp")],
        formats: [.kubernetes],
        fixKinds: [.safe],
        examples: [
            .triggering(.kubernetes, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: app
                    image: nginx:1.27
                    securityContext:
                      seccompProfile:
                        type: RuntimeDefault
                  - ↓name: sidecar
                    image: busybox:1.36
                """, corrected: """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: app
                    image: nginx:1.27
                    securityContext:
                      seccompProfile:
                        type: RuntimeDefault
                  - name: sidecar
                    image: busybox:1.36
                  securityContext:
                    seccompProfile:
                      type: RuntimeDefault
                """),
            .triggering(.kubernetes, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      initContainers:
                      - ↓name: setup
                        image: busybox:1.36
                      containers:
                      - ↓name: app
                        image: nginx:1.27
                """, corrected: """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: setup
                        image: busybox:1.36
                      containers:
                      - name: app
                        image: nginx:1.27
                      securityContext:
                        seccompProfile:
                          type: RuntimeDefault
                """),
            .passing(.kubernetes, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  initContainers:
                  - name: setup
                    image: busybox:1.36
                    securityContext:
                      seccompProfile:
                        type: Localhost
                        localhostProfile: profiles/setup.json
                  containers:
                  - name: app
                    image: nginx:1.27
                    securityContext:
                      seccompProfile:
                        type: RuntimeDefault
                """, note: "Every container sets a profile, so the pod need not."),
            .passing(.kubernetes, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: iis
                spec:
                  os:
                    name: windows
                  containers:
                  - name: app
                    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
                """, note: "Windows pods are exempt: seccomp does not exist on Windows."),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard workload.format == .kubernetes, context.pssVersion.includes(19), !context.exemptsWindowsPod(workload),
            let pod = workload.kubernetes, pod.podSecurityContext.seccompProfile == nil
        else { return [] }
        // A pod-level profile that is not RuntimeDefault / Localhost is seccomp-unconfined's finding,
        // and so is a container's own.
        let change = Change(
            scope: .pod, path: ["securityContext", "seccompProfile"],
            operation: .set(.mapping([("type", .string("RuntimeDefault"))])), target: workload.node)
        return workload.containers.filter { $0.kubernetes?.securityContext.seccompProfile == nil }.map { container in
            let target = FindingTarget(workload, container: container).displayName
            return context.finding(
                "\(target) runs without a seccomp filter: neither it nor the pod sets a seccompProfile; set `securityContext.seccompProfile: {type: RuntimeDefault}` on the pod",
                at: container.location, in: workload, container: container, setting: "securityContext.seccompProfile",
                fix: Fix(title: "Set the pod's seccompProfile to RuntimeDefault", kind: .safe, changes: [change]))
        }
    }
}
