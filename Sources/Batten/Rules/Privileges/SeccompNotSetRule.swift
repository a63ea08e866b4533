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
            .triggering(
                .kubernetes,
                """
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
                """,
                corrected: """
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
            .triggering(
                .kubernetes,
                """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: report
                spec:
                  template:
                    metadata:
                      annotations:
                        seccomp.security.alpha.kubernetes.io/pod: runtime/default  # deprecated
                        container.seccomp.security.alpha.kubernetes.io/report: localhost/profiles/report.json
                        team: reports
                    spec:
                      restartPolicy: Never
                      containers:
                      - ↓name: report
                        image: example/report:1.0
                      - ↓name: upload
                        image: example/upload:1.0
                """,
                corrected: """
                    apiVersion: batch/v1
                    kind: Job
                    metadata:
                      name: report
                    spec:
                      template:
                        metadata:
                          annotations:
                            team: reports
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: report
                            image: example/report:1.0
                            securityContext:
                              seccompProfile:
                                type: Localhost
                                localhostProfile: profiles/report.json
                          - name: upload
                            image: example/upload:1.0
                          securityContext:
                            seccompProfile:
                              type: RuntimeDefault
                    """,
                note: """
                    The seccomp annotations have done nothing since Kubernetes 1.27: the fix replaces them by the fields, \
                    a container's `localhost/…` profile by its own `seccompProfile`.
                    """),
            .triggering(
                .kubernetes,
                """
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
                """,
                corrected: """
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
            .passing(
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
            .passing(
                .kubernetes,
                """
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

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard context.pssVersion.enforces(.seccompProfileField), !context.exemptsWindowsPod(workload),
            let pod = workload.kubernetes, pod.podSecurityContext.seccompProfile == nil
        else { return [] }
        // A pod-level profile that is not RuntimeDefault / Localhost is seccomp-unconfined's finding,
        // and so is a container's own.
        let legacy = pod.seccompAnnotations
        let podProfile = legacy[PodAnnotations.seccompPod].flatMap { Self.localhostProfile($0.value) }
        var changes = [
            Change(
                scope: .pod, path: ["securityContext", "seccompProfile"],
                operation: .set(Self.profile(localhost: podProfile)), target: workload.node)
        ]
        // The deprecated annotations have done nothing since Kubernetes 1.27: they go, and a
        // container's own `localhost/…` profile moves to its field.
        for name in legacy.keys.sorted() {
            guard let value = legacy[name] else { continue }
            let containerName =
                name.hasPrefix(PodAnnotations.seccompContainerPrefix)
                ? String(name.dropFirst(PodAnnotations.seccompContainerPrefix.count)) : nil
            if let containerName, let container = workload.containers.first(where: { $0.name == containerName }),
                container.kubernetes?.securityContext.seccompProfile == nil, let localhost = Self.localhostProfile(value.value)
            {
                changes.append(PrivilegeChanges.container(container, ["seccompProfile"], Self.profile(localhost: localhost), existing: nil))
            }
        }
        changes += PrivilegeChanges.removeAnnotations(legacy.mapValues(\.node), in: workload)
        let title = podProfile.map { "Set the pod's seccompProfile to Localhost \($0)" } ?? "Set the pod's seccompProfile to RuntimeDefault"
        let replacing = legacy.isEmpty ? "" : " in place of the deprecated annotations"
        return workload.containers.filter { $0.kubernetes?.securityContext.seccompProfile == nil }.map { container in
            let target = FindingTarget(workload, container: container).displayName
            return context.finding(
                "\(target) runs without a seccomp filter: neither it nor the pod sets a seccompProfile; set `securityContext.seccompProfile: {type: RuntimeDefault}` on the pod",
                at: container.location, in: workload, container: container, setting: "securityContext.seccompProfile",
                fix: Fix(title: title + replacing, kind: .safe, changes: changes))
        }
    }

    /// The profile path of a `localhost/…` annotation value; nil for any other value.
    static func localhostProfile(_ value: String) -> String? {
        guard value.hasPrefix("localhost/") else { return nil }
        let path = String(value.dropFirst("localhost/".count))
        return path.isEmpty ? nil : path
    }

    /// `{type: Localhost, localhostProfile: path}`, or `{type: RuntimeDefault}` without a path.
    static func profile(localhost path: String?) -> YAMLValue {
        guard let path else { return .mapping([("type", .string("RuntimeDefault"))]) }
        return .mapping([("type", .string("Localhost")), ("localhostProfile", .string(path))])
    }
}
