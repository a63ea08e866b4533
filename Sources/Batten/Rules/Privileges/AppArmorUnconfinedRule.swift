import BattenYAML

/// Turning AppArmor off removes the mandatory access control that blocks writes to `/proc`,
/// `/sys` and mounts on AppArmor hosts.
public struct AppArmorUnconfinedRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "apparmor-unconfined",
        title: "AppArmor turned off",
        rationale: """
            On AppArmor hosts (Ubuntu, Debian, SUSE) the runtime's default profile denies mounts, writes to \
            `/proc` and `/sys`, and other paths used in container escapes, even for root in the container. \
            `unconfined` removes that layer. Kubernetes sets the profile with `appArmorProfile` (pod or \
            container) or, before v1.30, the `container.apparmor.security.beta.kubernetes.io/<name>` \
            annotation; the Pod Security Standards baseline accepts only RuntimeDefault / Localhost, and for \
            the annotation `runtime/default`, `localhost/…` or an empty value.
            """,
        remediation: """
            Compose: remove `apparmor:unconfined` from `security_opt` (or name a custom profile). Kubernetes: \
            `appArmorProfile.type: RuntimeDefault` (or `Localhost` with a reviewed profile); annotation \
            `runtime/default`.
            """,
        severity: .high,
        family: .privileges,
        references: [.cisDocker("5.2"), .pss(.baseline, "AppArmor")],
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
                      - ↓apparmor:unconfined
                      - no-new-privileges:true
                  api:
                    image: api:1.0
                    security_opt: [no-new-privileges:true, ↓apparmor=unconfined]
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
                      - apparmor=docker-default
                      - no-new-privileges:true
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations:
                    ↓container.apparmor.security.beta.kubernetes.io/app: unconfined
                spec:
                  securityContext:
                    appArmorProfile:
                      ↓type: Unconfined
                  containers:
                  - name: app
                    image: nginx:1.27
                  - name: sidecar
                    image: busybox:1.36
                    securityContext:
                      appArmorProfile:
                        ↓type: Unconfined
                """,
                corrected: """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: web
                    spec:
                      securityContext:
                        appArmorProfile:
                          type: RuntimeDefault
                      containers:
                      - name: app
                        image: nginx:1.27
                        securityContext:
                          appArmorProfile:
                            type: RuntimeDefault
                      - name: sidecar
                        image: busybox:1.36
                        securityContext:
                          appArmorProfile:
                            type: RuntimeDefault
                    """,
                note: """
                    The deprecated annotation is replaced by the container's `appArmorProfile` field (Kubernetes 1.30+); \
                    under an earlier policy version the fix sets the annotation to `runtime/default`.
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
                    metadata:
                      annotations:
                        container.apparmor.security.beta.kubernetes.io/app: localhost/nginx
                        container.apparmor.security.beta.kubernetes.io/sidecar: runtime/default
                    spec:
                      securityContext:
                        appArmorProfile:
                          type: RuntimeDefault
                      containers:
                      - name: app
                        image: nginx:1.27
                        securityContext:
                          appArmorProfile:
                            type: Localhost
                            localhostProfile: nginx
                      - name: sidecar
                        image: busybox:1.36
                """),
        ])

    /// Annotation values the Pod Security Standards accept.
    static func isAllowedAnnotation(_ value: String) -> Bool {
        value.isEmpty || value == "runtime/default" || value.hasPrefix("localhost/")
    }

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        let container = workload.containers.first
        let target = FindingTarget(workload, container: container).displayName
        return workload.securityOptEntries.filter { $0.key == "apparmor" && $0.value == "unconfined" }.map { option in
            context.finding(
                "\(target) turns AppArmor off with `\(option.entry.value)`; remove it so Docker's default profile applies",
                at: option.entry.node, in: workload, container: container, setting: "security_opt.apparmor",
                fix: Fix(
                    title: "Remove \(option.writtenText)", kind: .safe,
                    changes: [PrivilegeChanges.removeSecurityOption(option, in: workload)]))
        }
    }

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        var findings = ConfiningProfileCheck(field: "appArmorProfile", profile: { $0.appArmorProfile }).findings(workload, context: context)
        // The admission check looks at every annotation with the prefix, whether or not a container
        // of that name exists.
        let annotations = workload.kubernetes?.appArmorAnnotations ?? [:]
        for name in annotations.keys.sorted() {
            guard let value = annotations[name], !Self.isAllowedAnnotation(value.value) else { continue }
            let containerName = String(name.drop { $0 != "/" }.dropFirst())
            let container = workload.containers.first { $0.name == containerName }
            let target = FindingTarget(workload, container: container).displayName
            var fix = PrivilegeChanges.podAnnotation(workload, name, "runtime/default", existing: value.node).map {
                Fix(title: "Set \(name): runtime/default", kind: .safe, changes: [$0])
            }
            if let container, context.pssVersion.enforces(.appArmorProfileField),
                let replacement = Self.fieldReplacement(name, value: value, container: container, in: workload)
            {
                fix = replacement
            }
            findings.append(
                context.finding(
                    "\(target) sets the AppArmor annotation `\(name): \(value.value)`; use `runtime/default` (or the `appArmorProfile` field)",
                    at: value.node, in: workload, container: container, setting: "annotations.\(name)", fix: fix))
        }
        return findings
    }

    /// Replaces a deprecated per-container annotation by the container's `appArmorProfile` field
    /// (Kubernetes 1.30+): the field is set to RuntimeDefault unless the container sets its own, and
    /// the annotation goes, since the two must agree. Nil when the pod metadata cannot be located.
    static func fieldReplacement(_ name: String, value: Sourced<String>, container: Container, in workload: Workload) -> Fix? {
        var changes = PrivilegeChanges.removeAnnotations([name: value.node], in: workload)
        guard !changes.isEmpty else { return nil }
        if container.kubernetes?.securityContext.appArmorProfile == nil {
            changes.insert(
                PrivilegeChanges.container(container, ["appArmorProfile"], .mapping([("type", .string("RuntimeDefault"))]), existing: nil),
                at: 0)
        }
        return Fix(
            title: "Replace the deprecated annotation \(name) by the container's appArmorProfile: RuntimeDefault", kind: .safe,
            changes: changes)
    }
}
