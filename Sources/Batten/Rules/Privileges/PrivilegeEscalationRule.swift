import BattenYAML

/// Without `no_new_privs`, a setuid binary or file capability in the image raises the privileges of
/// whoever runs it.
public struct PrivilegeEscalationRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "privilege-escalation",
        title: "Privilege escalation allowed",
        rationale: """
            Unless the kernel's `no_new_privs` flag is set, a process can gain privileges by running a setuid or \
            setgid binary (`su`, `sudo`, `ping`, `mount` …) or a file with capabilities. An attacker with code \
            execution as an unprivileged user then becomes root inside the container, one step closer to the \
            host. Compose sets the flag with `security_opt: [no-new-privileges:true]` (unless the daemon sets it \
            for every container); Kubernetes with `allowPrivilegeEscalation: false`, which defaults to true.
            """,
        remediation: """
            Compose: add `no-new-privileges:true` to `security_opt`. Kubernetes: set \
            `securityContext.allowPrivilegeEscalation: false` on every container.
            """,
        severity: .high,
        family: .privileges,
        references: [.cisDocker("5.26"), .pss(.restricted, "Privilege Escalation")],
        formats: [.compose, .kubernetes],
        fixKinds: [.safe, .decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  ↓web:
                    image: nginx:1.27
                    security_opt:
                      - apparmor=docker-default
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        security_opt:
                          - apparmor=docker-default
                          - no-new-privileges:true
                    """),
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    security_opt:
                      - ↓no-new-privileges:false
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        security_opt:
                          - no-new-privileges:true
                    """, note: "`no-new-privileges:false` is the same as not setting it."),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    security_opt: [no-new-privileges]
                  api:
                    image: api:1.0
                    security_opt:
                      - no-new-privileges=true
                  worker:
                    image: worker:1.0
                    security_opt:
                      - "no-new-privileges:true"
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
                  - ↓name: setup
                    image: busybox:1.36
                  containers:
                  - name: app
                    image: nginx:1.27
                    securityContext:
                      ↓allowPrivilegeEscalation: true
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
                          allowPrivilegeEscalation: false
                      containers:
                      - name: app
                        image: nginx:1.27
                        securityContext:
                          allowPrivilegeEscalation: false
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
                          allowPrivilegeEscalation: false
                """),
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
                """, note: "Windows pods are exempt: the field does not exist on Windows."),
        ])

    static let option = "no-new-privileges:true"

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        let container = workload.containers.first
        let target = FindingTarget(workload, container: container).displayName
        let append = Change(
            scope: .service, path: ["security_opt"], operation: .append(.string(Self.option)), target: workload.node,
            existing: workload.compose?.securityOptionsNode)
        // The daemon applies the entries in order: the last `no-new-privileges` entry decides.
        guard let last = workload.securityOptEntries.last(where: { $0.key == "no-new-privileges" }) else {
            return [
                context.finding(
                    "\(target) does not set `no-new-privileges`, so setuid binaries can raise privileges; add `\(Self.option)` to `security_opt`",
                    at: workload.location, in: workload, container: container, setting: "security_opt.no-new-privileges",
                    fix: Self.composeFix("Add \(Self.option) to security_opt", [append], workload, context))
            ]
        }
        guard last.noNewPrivileges != true else { return [] }
        let problem =
            last.noNewPrivileges == false
            ? "turns `no-new-privileges` off with `\(last.entry.value)`"
            : "sets `\(last.entry.value)`, which is not a boolean the Docker daemon accepts"
        let fix = Self.composeFix(
            "Replace `\(last.writtenText)` with \(Self.option)",
            [PrivilegeChanges.replaceSecurityOption(last, with: Self.option, in: workload)], workload, context)
        return [
            context.finding(
                "\(target) \(problem); use `\(Self.option)` so setuid binaries cannot raise privileges",
                at: last.entry.node, in: workload, container: container, setting: "security_opt.no-new-privileges",
                fix: fix)
        ]
    }

    /// Safe, unless the image's profile says its binaries rely on file capabilities, which
    /// `no-new-privileges` ignores (pgadmin's port 80): then a decision with what the image does.
    private static func composeFix(_ title: String, _ changes: [Change], _ workload: Workload, _ context: RuleContext) -> Fix {
        guard let match = context.imageProfile(for: workload), !match.profile.capabilities.file.isEmpty else {
            return Fix(title: title, kind: .safe, changes: changes)
        }
        let names = match.profile.capabilities.file.joined(separator: ", ")
        return Fix(
            title: title, kind: .decision, changes: changes,
            reason:
                "\(match.phrase): its binaries get \(names) from file capabilities, which no-new-privileges ignores; \(match.profile.capabilities.fileReason ?? "")"
        )
    }

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard context.pssVersion.enforces(.privilegeEscalation), !context.exemptsWindowsPod(workload) else { return [] }
        return workload.containers.compactMap { container in
            let setting = container.allowPrivilegeEscalation
            if setting?.value == false { return nil }
            let target = FindingTarget(workload, container: container).displayName
            let problem =
                setting == nil
                ? "does not set `securityContext.allowPrivilegeEscalation: false` (it defaults to true)"
                : "sets `allowPrivilegeEscalation: true`"
            // Kubernetes rejects allowPrivilegeEscalation: false next to privileged: true or an added
            // CAP_SYS_ADMIN: the fix would not apply until those are gone.
            let forcesEscalation =
                container.privileged?.value == true
                || container.capabilitiesAdded.contains { CapabilityNames.normalized($0.value) == "SYS_ADMIN" }
            let fix =
                forcesEscalation
                ? nil
                : Fix(
                    title: "Set allowPrivilegeEscalation: false", kind: .safe,
                    changes: [
                        PrivilegeChanges.container(
                            container, ["allowPrivilegeEscalation"], .bool(false), existing: setting?.node)
                    ])
            let advice =
                forcesEscalation
                ? "drop `privileged` / SYS_ADMIN, then set it to false"
                : "set it to false so setuid binaries cannot raise privileges"
            return context.finding(
                "\(target) \(problem); \(advice)", at: setting?.node ?? container.location, in: workload,
                container: container, setting: "securityContext.allowPrivilegeEscalation", fix: fix)
        }
    }
}
