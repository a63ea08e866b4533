import BattenYAML

/// Added capabilities beyond a short allowed list give the container powers over the kernel and
/// the host.
public struct CapabilitiesAddedRule: Rule {
    public init() {}

    static let allowed = RuleParameter<[String]>(
        name: "allowed", default: CapabilityNames.baselineAllowed,
        summary: "Capabilities that may be added (the Pod Security Standards baseline list by default).")

    static let critical = RuleParameter<[String]>(
        name: "critical", default: CapabilityNames.critical,
        summary: "Capabilities whose addition is reported as critical.")

    static let allowImageNeeds = RuleParameter<Bool>(
        name: "allow-image-needs", default: true,
        summary:
            "Also allow the capabilities the image's profile says it needs to start (`batten explain-image`); Kubernetes: only for a container that starts as root, spelled as the profile spells them. Critical ones are never allowed this way."
    )

    public static let description = RuleDescription(
        id: "capabilities-added",
        title: "Dangerous capability added",
        rationale: """
            Each capability is a slice of root. SYS_ADMIN alone allows mounting filesystems and most known \
            container escapes; NET_ADMIN rewrites the network; SYS_PTRACE reads other processes' memory; \
            SYS_MODULE loads kernel code; DAC_READ_SEARCH opens any host file by handle (the \"shocker\" escape); \
            BPF and PERFMON expose the kernel; ALL is privileged mode without the name. NET_RAW, although a \
            Docker default, allows packet spoofing and is not on the Pod Security Standards baseline list. \
            Compose and the runtimes read names case-insensitively with an optional `CAP_` prefix; the Pod \
            Security Standards compare Kubernetes names exactly, so `cap_chown` is not `CHOWN` there.
            """,
        remediation: """
            Remove the capability, or replace it with a narrower one. Under the restricted level only \
            NET_BIND_SERVICE may be added back after dropping ALL.
            """,
        severity: .high,
        family: .privileges,
        references: [.cisDocker("5.4"), .pss(.baseline, "Capabilities"), .pss(.restricted, "Capabilities")],
        formats: [.compose, .kubernetes],
        parameters: [allowed, critical, allowImageNeeds],
        fixKinds: [.known, .decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    cap_add:
                      - ↓SYS_ADMIN
                      - CHOWN
                      - ↓NET_RAW
                      - ↓cap_net_admin
                """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    cap_drop: [ALL]
                    cap_add: [NET_BIND_SERVICE, chown, CAP_SETUID]
                """),
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: example/web:2.1
                    cap_drop: [ALL]
                    cap_add: [NET_BIND_SERVICE, ↓CHOWN]
                """, parameters: [allowed.set(to: ["NET_BIND_SERVICE"])],
                note: "The restricted policy allows only NET_BIND_SERVICE."),
            .passing(
                .compose,
                """
                services:
                  db:
                    image: postgres:17.2
                    cap_drop: [ALL]
                    cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID]
                """, parameters: [allowed.set(to: ["NET_BIND_SERVICE"])],
                note: "The postgres image profile lists these as what the image needs to start (`batten explain-image postgres:17.2`)."),
            .triggering(
                .compose,
                """
                services:
                  db:
                    image: postgres:17.2
                    cap_drop: [ALL]
                    cap_add: [↓CHOWN, ↓SETUID]
                """, parameters: [allowed.set(to: ["NET_BIND_SERVICE"]), allowImageNeeds.set(to: false)],
                note: "With `allow-image-needs: false` only the allowed list counts."),
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
                      capabilities:
                        add: [↓chown]
                  containers:
                  - name: app
                    image: nginx:1.27
                    securityContext:
                      capabilities:
                        add:
                        - ↓SYS_ADMIN
                        - NET_BIND_SERVICE
                        - ↓NET_RAW
                """, note: "Kubernetes names are compared exactly: `chown` is not on the baseline list."),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: tools
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    securityContext:
                      capabilities:
                        add:
                        - ↓SYS_ADMIN  # for debugging
                        - NET_BIND_SERVICE
                  - name: agent
                    image: example/agent:1.0
                    securityContext:
                      capabilities:
                        drop: [ALL]
                        add: [↓ALL, ↓NET_ADMIN]
                """,
                corrected: """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: tools
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          capabilities:
                            add:
                            - NET_BIND_SERVICE
                      - name: agent
                        image: example/agent:1.0
                        securityContext:
                          capabilities:
                            drop: [ALL]
                            add: []
                    """,
                note: """
                    The nginx image profile lists what the image needs, and SYS_ADMIN is not among it (known); for an \
                    image without a profile the removal is a decision. `add: [ALL]` next to `drop: [ALL]` gives them all back.
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
                          capabilities:
                            drop: [ALL]
                            add: [NET_BIND_SERVICE, CHOWN]
                """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        // Most workloads add no capability: the sets below are built only for those that do.
        guard workload.containers.contains(where: { !$0.capabilitiesAdded.isEmpty }) else { return [] }
        let critical = Set(context.value(of: Self.critical).map(CapabilityNames.normalized))
        var allowed = context.value(of: Self.allowed)
        // Before v1.22 the restricted level had no capabilities control: the baseline list applied.
        if workload.format == .kubernetes && !context.pssVersion.enforces(.restrictedCapabilities) {
            allowed += CapabilityNames.baselineAllowed
        }
        let allowedExact = Set(allowed)
        var allowedNormalized = Set(allowed.map(CapabilityNames.normalized))
        if workload.format == .compose, context.value(of: Self.allowImageNeeds), let match = context.imageProfile(for: workload) {
            allowedNormalized.formUnion((match.profile.capabilities.add + match.profile.capabilities.file).filter { !critical.contains($0) })
        }
        var findings: [Finding] = []
        for container in workload.containers {
            let target = FindingTarget(workload, container: container).displayName
            for capability in container.capabilitiesAdded {
                let name = capability.value
                let normalized = CapabilityNames.normalized(name)
                let problem: String
                switch workload.format {
                case .compose:
                    if allowedNormalized.contains(normalized) { continue }
                    problem = "adds capability `\(name)`"
                case .kubernetes:
                    if allowedExact.contains(name) { continue }
                    if context.value(of: Self.allowImageNeeds), !critical.contains(normalized),
                        Self.imageNeeds(container, in: workload, context: context).contains(name)
                    {
                        continue
                    }
                    problem =
                        allowedNormalized.contains(normalized)
                        ? "adds capability `\(name)`, which the Pod Security Standards only accept spelled `\(normalized)`"
                        : "adds capability `\(name)`"
                }
                let isCritical = critical.contains(normalized)
                let advice =
                    isCritical
                    ? "it is enough to take over the host in most setups; remove it"
                    : "it is not on the allowed list; remove it or use a narrower one"
                let setting = workload.format == .compose ? "cap_add[\(name)]" : "securityContext.capabilities.add[\(name)]"
                let fix = workload.format == .kubernetes ? Self.removal(capability, of: container, in: workload, context: context) : nil
                findings.append(
                    context.finding(
                        "\(target) \(problem); \(advice)", at: capability.node, in: workload, container: container,
                        setting: setting, severity: isCritical ? .critical : nil, fix: fix))
            }
        }
        return findings
    }

    /// Removes an added capability from a Kubernetes container's `capabilities.add`. Known when the
    /// manifest runs the container as a non-zero uid (a non-root process holds no added capability
    /// unless a file-capability binary uses it) or the image's profile, which lists what the image
    /// needs, does not list it; a decision otherwise.
    static func removal(_ capability: Sourced<String>, of container: Container, in workload: Workload, context: RuleContext) -> Fix {
        let name = capability.value
        let change = Change(
            scope: .container(container.name), path: ["securityContext", "capabilities", "add"],
            operation: .removeItem(.string(name)), target: container.node, existing: container.capabilitiesAddNode)
        let title = "Remove \(name) from capabilities.add"
        if let user = container.runAsUser, user.value != 0 {
            return Fix(
                title: title, kind: .known, changes: [change],
                reason: "the manifest runs it as uid \(user.value), which holds no added capability unless a file-capability binary uses it")
        }
        guard let match = context.imageProfile(for: workload, container: container) else {
            return Fix(
                title: title, kind: .decision, changes: [change],
                reason: "\(context.unknownImageReason(for: workload, container: container)): Batten cannot know whether it uses \(name)")
        }
        let normalized = CapabilityNames.normalized(name)
        let needed = Set(match.profile.capabilities.add.map(CapabilityNames.normalized))
        if normalized == "ALL", !needed.isEmpty {
            let list = match.profile.capabilities.add.joined(separator: ", ")
            return Fix(
                title: title, kind: .decision, changes: [change],
                reason: "\(match.phrase) says the image needs \(list) to start, which ALL gave it: add those back instead")
        }
        if needed.contains(normalized) {
            return Fix(
                title: title, kind: .decision, changes: [change],
                reason: "\(match.phrase) says the image needs \(name) to start: \(match.profile.capabilities.reason)")
        }
        return Fix(
            title: title, kind: .known, changes: [change],
            reason: "\(match.phrase) lists what the image needs, and \(name) is not among it")
    }

    /// The capabilities a Kubernetes container's image profile says the image needs to start, when
    /// the container starts as root (``Container/startsAsRoot(with:)``): what
    /// the `capabilities-not-dropped` fix adds back next to `drop: ["ALL"]`.
    private static func imageNeeds(_ container: Container, in workload: Workload, context: RuleContext) -> Set<String> {
        guard let match = context.imageProfile(for: workload, container: container) else { return [] }
        return container.startsAsRoot(with: match) ? Set(match.profile.capabilities.add) : []
    }
}
