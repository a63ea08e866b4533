import BattenYAML

/// SELinux confines a container to its own files and processes; turning labeling off or choosing
/// a privileged user, role or type undoes that.
public struct SELinuxCustomRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "selinux-custom",
        title: "SELinux turned off or customised",
        rationale: """
            On SELinux hosts (RHEL, Fedora, OpenShift) the runtime runs each container as `container_t` with its \
            own MCS level, which stops it from reading other containers' and the host's files even as root. \
            `label:disable` turns that off; a custom SELinux user or role, or a type such as `spc_t` (a \"super \
            privileged container\") or `unconfined_t`, escapes it. The Pod Security Standards baseline forbids \
            setting `user` or `role` and allows only the types container_t, container_init_t, container_kvm_t \
            and, from v1.31, container_engine_t. Setting only the MCS `level` is fine.
            """,
        remediation: """
            Remove `label:disable` and custom `user`, `role` or `type` options; keep the runtime's default label \
            (set only `level` if the containers must share files).
            """,
        severity: .high,
        family: .privileges,
        references: [.cisDocker("5.3"), .pss(.baseline, "SELinux")],
        formats: [.compose, .kubernetes],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    security_opt:
                      - ↓label:disable
                  api:
                    image: api:1.0
                    security_opt:
                      - ↓label=user:system_u
                      - ↓label=type:spc_t
                      - label=level:s0:c100,c200
                """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    security_opt:
                      - label=level:s0:c100,c200
                      - label:type:container_t
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
                    seLinuxOptions:
                      ↓type: spc_t
                  containers:
                  - name: app
                    image: nginx:1.27
                    securityContext:
                      seLinuxOptions:
                        ↓user: system_u
                        ↓role: system_r
                        level: "s0:c123,c456"
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
                        seLinuxOptions:
                          level: "s0:c123,c456"
                      containers:
                      - name: app
                        image: nginx:1.27
                        securityContext:
                          seLinuxOptions:
                            type: container_t
                      - name: builder
                        image: buildah:1.37
                        securityContext:
                          seLinuxOptions:
                            type: container_engine_t
                """),
        ])

    /// SELinux types the Pod Security Standards baseline allows; `container_engine_t` from v1.31.
    static func allowedTypes(includingEngine: Bool) -> Set<String> {
        var types: Set<String> = ["", "container_t", "container_init_t", "container_kvm_t"]
        if includingEngine { types.insert("container_engine_t") }
        return types
    }

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        let container = workload.containers.first
        let target = FindingTarget(workload, container: container).displayName
        let types = Self.allowedTypes(includingEngine: true)
        return workload.securityOptEntries.compactMap { option in
            guard let label = option.labelOption else { return nil }
            let problem: String
            switch label.kind {
            case "disable":
                problem = "turns SELinux labeling off with `\(option.entry.value)`"
            case "user", "role":
                guard !label.value.isEmpty else { return nil }
                problem = "sets a custom SELinux \(label.kind) with `\(option.entry.value)`"
            case "type":
                guard !types.contains(label.value) else { return nil }
                problem = "runs with the SELinux type `\(label.value)` instead of the confined container_t"
            default:
                return nil
            }
            return context.finding(
                "\(target) \(problem); remove it and keep the default container label (set only `level` if needed)",
                at: option.entry.node, in: workload, container: container, setting: "security_opt.label.\(label.kind)")
        }
    }

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        let types = Self.allowedTypes(includingEngine: context.pssVersion.enforces(.seLinuxContainerEngineType))
        var findings: [Finding] = []
        func inspect(_ options: Sourced<SELinuxSettings>?, container: Container?, prefix: String) {
            guard let options else { return }
            let owner =
                container.map { FindingTarget(workload, container: $0).displayName }
                ?? "\(workload.displayName) (whole pod)"
            let settings = options.value
            var problems: [(field: String, message: String)] = []
            if let user = settings.user, !user.isEmpty {
                problems.append(("user", "sets the SELinux user `\(user)`"))
            }
            if let role = settings.role, !role.isEmpty {
                problems.append(("role", "sets the SELinux role `\(role)`"))
            }
            if let type = settings.type, !types.contains(type) {
                let allowed = types.filter { !$0.isEmpty }.sorted().joined(separator: ", ")
                problems.append(("type", "sets the SELinux type `\(type)`, which is not one of \(allowed)"))
            }
            for problem in problems {
                findings.append(
                    context.finding(
                        "\(owner) \(problem.message); remove it and keep the default container label",
                        at: Self.field(problem.field, in: options.node), in: workload, container: container,
                        setting: "\(prefix)securityContext.seLinuxOptions.\(problem.field)"))
            }
        }
        inspect(workload.kubernetes?.podSecurityContext.seLinuxOptions, container: nil, prefix: "pod.")
        for container in workload.containers {
            inspect(container.kubernetes?.securityContext.seLinuxOptions, container: container, prefix: "")
        }
        return findings
    }

    /// The value node of `key` inside the `seLinuxOptions` mapping, else the mapping.
    static func field(_ key: String, in options: NodeRef) -> NodeRef {
        guard let value = options.document.value(forKey: key, in: options.id) else { return options }
        return options.document.ref(value)
    }
}
