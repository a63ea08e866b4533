import BattenYAML

/// Without a seccomp filter every system call of the kernel is reachable from the container.
public struct SeccompUnconfinedRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "seccomp-unconfined",
        title: "Seccomp turned off",
        rationale: """
            The runtime's default seccomp profile blocks some forty rarely used system calls (`keyctl`, \
            `unshare`, `bpf`, `ptrace` on older kernels, `open_by_handle_at` …) behind many kernel exploits and \
            container escapes. `Unconfined` removes that filter and exposes the whole kernel to an attacker. The \
            legacy `seccomp.security.alpha.kubernetes.io` annotations have done nothing since Kubernetes 1.27; \
            the Pod Security Standards check them only for policy versions before v1.19 and the fields from then on.
            """,
        remediation: """
            Compose: remove `seccomp:unconfined` from `security_opt` (or point it at a custom profile). \
            Kubernetes: use `seccompProfile.type: RuntimeDefault` (or `Localhost` with a reviewed profile).
            """,
        severity: .high,
        family: .privileges,
        references: [.cisDocker("5.22"), .pss(.baseline, "Seccomp")],
        formats: [.compose, .kubernetes],
        fixKinds: [.safe],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    security_opt:
                      - no-new-privileges:true
                      - ↓seccomp:unconfined
                  api:
                    image: api:1.0
                    security_opt: [↓seccomp=unconfined, no-new-privileges:true]
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        security_opt:
                          - no-new-privileges:true
                      api:
                        image: api:1.0
                        security_opt: [no-new-privileges:true]
                    """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    security_opt:
                      - no-new-privileges:true
                      - apparmor=docker-default
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  securityContext:
                    seccompProfile:
                      ↓type: Unconfined
                  containers:
                  - name: app
                    image: nginx:1.27
                    securityContext:
                      seccompProfile:
                        ↓type: Unconfined
                """,
                corrected: """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: web
                    spec:
                      securityContext:
                        seccompProfile:
                          type: RuntimeDefault
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
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      securityContext:
                        seccompProfile:
                          type: RuntimeDefault
                      containers:
                      - name: app
                        image: nginx:1.27
                        securityContext:
                          seccompProfile:
                            type: Localhost
                            localhostProfile: profiles/nginx.json
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: legacy
                  annotations:
                    seccomp.security.alpha.kubernetes.io/pod: unconfined
                spec:
                  containers:
                  - name: app
                    image: nginx:1.27
                """, note: "The annotation has no effect since Kubernetes 1.27 and is not checked from policy version v1.19."),
        ])

    /// Annotation values the Pod Security Standards accept before v1.19.
    static func isAllowedAnnotation(_ value: String) -> Bool {
        value == "runtime/default" || value == "docker/default" || value.hasPrefix("localhost/")
    }

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        context.pssVersion.enforces(.seccompProfileField)
            ? checkFields(workload, context: context) : checkAnnotations(workload, context: context)
    }

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        let container = workload.containers.first
        let target = FindingTarget(workload, container: container).displayName
        return workload.securityOptEntries.filter { $0.key == "seccomp" && $0.value == "unconfined" }.map { option in
            context.finding(
                "\(target) turns seccomp off with `\(option.entry.value)`; remove it so Docker's default profile applies",
                at: option.entry.node, in: workload, container: container, setting: "security_opt.seccomp",
                fix: Fix(
                    title: "Remove \(option.writtenText)", kind: .safe,
                    changes: [PrivilegeChanges.removeSecurityOption(option, in: workload)]))
        }
    }

    private func checkFields(_ workload: Workload, context: RuleContext) -> [Finding] {
        ConfiningProfileCheck(field: "seccompProfile", profile: { $0.seccompProfile }).findings(workload, context: context)
    }

    private func checkAnnotations(_ workload: Workload, context: RuleContext) -> [Finding] {
        let annotations = workload.kubernetes?.seccompAnnotations ?? [:]
        var checked: [(name: String, container: Container?)] = [("seccomp.security.alpha.kubernetes.io/pod", nil)]
        for container in workload.containers {
            checked.append(("container.seccomp.security.alpha.kubernetes.io/\(container.name)", container))
        }
        return checked.compactMap { name, container in
            guard let value = annotations[name], !Self.isAllowedAnnotation(value.value) else { return nil }
            let target = FindingTarget(workload, container: container).displayName
            let fix = PrivilegeChanges.podAnnotation(workload, name, "runtime/default", existing: value.node).map {
                Fix(title: "Set \(name): runtime/default", kind: .safe, changes: [$0])
            }
            return context.finding(
                "\(target) sets the seccomp annotation `\(name): \(value.value)`; use `runtime/default`",
                at: value.node, in: workload, container: container, setting: "annotations.\(name)", fix: fix)
        }
    }
}
