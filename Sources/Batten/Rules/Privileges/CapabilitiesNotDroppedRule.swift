import BattenYAML

/// Containers start with a default set of capabilities most services never use; dropping all of
/// them removes that attack surface.
public struct CapabilitiesNotDroppedRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "capabilities-not-dropped",
        title: "Capabilities not dropped",
        rationale: """
            Docker and containerd give every container about fourteen capabilities by default, among them \
            NET_RAW (forge packets, spoof ARP on the node's network), CHOWN, DAC_OVERRIDE, SETUID and MKNOD. A \
            web service needs none of them; an attacker uses them to move from the container to its neighbours \
            and to exploit kernel bugs. Dropping ALL and adding back only what is needed is the least-privilege \
            baseline. Compose reads `cap_drop` names case-insensitively; Kubernetes' Pod Security Standards \
            require the exact string `ALL`.
            """,
        remediation: """
            Compose: `cap_drop: [ALL]`. Kubernetes: `securityContext.capabilities.drop: ["ALL"]` on every \
            container. Add back single capabilities (NET_BIND_SERVICE) only where needed. For a Compose image with a \
            profile (`batten explain-image IMAGE`) the fix adds back what the profile says the image needs to start \
            as root; otherwise it adds nothing back and says it is generic. Kubernetes: the fix is known when the \
            manifest runs the container as a non-zero uid or its image has a profile, a decision otherwise; it \
            removes an `add: [ALL]`. A container that starts as root keeps what its profile says the image needs \
            when the image cannot run as another user; when the profile gives a non-root user, the `runs-as-root` \
            fix sets it and nothing is added back.
            """,
        severity: .medium,
        family: .privileges,
        references: [.cisDocker("5.4"), .pss(.restricted, "Capabilities")],
        formats: [.compose, .kubernetes],
        fixKinds: [.known, .decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  ↓web:
                    image: example/web:1.4
                """,
                corrected: """
                    services:
                      web:
                        image: example/web:1.4
                        cap_drop:
                          - ALL
                    """, note: "No image profile matches: the fix drops ALL and adds nothing back, so check what the image needs."),
            .triggering(
                .compose,
                """
                services:
                  ↓web:
                    image: nginx:1.27
                  ↓cache:
                    image: memcached:1.6
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        cap_drop:
                          - ALL
                        cap_add:
                          - CHOWN
                          - NET_BIND_SERVICE
                          - SETGID
                          - SETUID
                      cache:
                        image: memcached:1.6
                        cap_drop:
                          - ALL
                    """,
                note: """
                    The nginx image profile lists what the master process needs as root (`batten explain-image nginx:1.27`); \
                    memcached runs as its own user and needs none.
                    """),
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: example/web:1.4
                    ↓cap_drop: [NET_RAW]
                  db:
                    image: postgres:17.2
                    ↓cap_drop: [NET_RAW]
                    cap_add: [CHOWN]
                """,
                corrected: """
                    services:
                      web:
                        image: example/web:1.4
                        cap_drop: [NET_RAW, ALL]
                      db:
                        image: postgres:17.2
                        cap_drop: [NET_RAW, ALL]
                        cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID]
                    """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    cap_drop: [ALL]
                    cap_add: [NET_BIND_SERVICE]
                  api:
                    image: api:1.0
                    cap_drop:
                      - all
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
                      capabilities:
                        ↓drop: [NET_RAW]
                  - name: worker
                    image: busybox:1.36
                    securityContext:
                      capabilities:
                        ↓drop: [all]
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
                          capabilities:
                            drop:
                            - ALL
                      containers:
                      - name: app
                        image: nginx:1.27
                        securityContext:
                          capabilities:
                            drop: [NET_RAW, ALL]
                            add:
                            - CHOWN
                            - NET_BIND_SERVICE
                            - SETGID
                            - SETUID
                      - name: worker
                        image: busybox:1.36
                        securityContext:
                          capabilities:
                            drop: [all, ALL]
                    """,
                note: """
                    The Pod Security Standards compare `ALL` exactly: `all` does not count. nginx starts as root and its \
                    image profile lists what it needs back (known); busybox has no profile (a decision).
                    """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: api
                spec:
                  securityContext:
                    runAsUser: 1000
                  containers:
                  - ↓name: api
                    image: example/api:2.0
                  - name: agent
                    image: example/agent:1.0
                    securityContext:
                      capabilities:
                        add: [ALL]
                        ↓drop: [NET_RAW]
                """,
                corrected: """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: api
                    spec:
                      securityContext:
                        runAsUser: 1000
                      containers:
                      - name: api
                        image: example/api:2.0
                        securityContext:
                          capabilities:
                            drop:
                            - ALL
                      - name: agent
                        image: example/agent:1.0
                        securityContext:
                          capabilities:
                            add: []
                            drop: [NET_RAW, ALL]
                    """,
                note: """
                    The pod runs as uid 1000, which holds no capabilities unless a setuid or file-capability binary \
                    grants them: dropping ALL is known without a profile. `add: [ALL]` would give them all back and goes.
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
                            drop: ["ALL"]
                            add: ["NET_BIND_SERVICE"]
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
                """, note: "Windows pods are exempt: Windows containers have no Linux capabilities."),
        ])

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        workload.containers.prefix(1).compactMap { container in
            if container.capabilitiesDropped.contains(where: { CapabilityNames.normalized($0.value) == "ALL" }) {
                return nil
            }
            let target = FindingTarget(workload, container: container).displayName
            let problem =
                container.capabilitiesDropNode == nil
                ? "does not drop capabilities" : "does not drop ALL capabilities"
            let fix = composeFix(container, in: workload, context: context)
            return context.finding(
                "\(target) \(problem), so it keeps Docker's default set (NET_RAW, CHOWN, SETUID …); \(fix.advice)",
                at: container.capabilitiesDropNode ?? workload.location, in: workload, container: container,
                setting: "cap_drop", fix: fix.fix)
        }
    }

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard context.pssVersion.enforces(.restrictedCapabilities), !context.exemptsWindowsPod(workload) else { return [] }
        return workload.containers.compactMap { container in
            let dropped = container.capabilitiesDropped
            if dropped.contains(where: { $0.value == "ALL" }) { return nil }
            let target = FindingTarget(workload, container: container).displayName
            let problem: String
            if let spelled = dropped.first(where: { CapabilityNames.normalized($0.value) == "ALL" }) {
                problem = "drops `\(spelled.value)`, which the Pod Security Standards do not accept as `ALL`"
            } else if container.capabilitiesDropNode == nil {
                problem = "does not drop capabilities, so it keeps the runtime's default set (NET_RAW, CHOWN, SETUID …)"
            } else {
                problem = "does not drop ALL capabilities"
            }
            let fix = kubernetesFix(container, in: workload, context: context)
            return context.finding(
                "\(target) \(problem); \(fix.advice)",
                at: container.capabilitiesDropNode ?? container.location, in: workload, container: container,
                setting: "securityContext.capabilities.drop", fix: fix.fix)
        }
    }

    /// `capabilities.drop: ["ALL"]` on a Kubernetes container, without an `add: [ALL]` that would
    /// give everything back. Known when the manifest runs the container as a non-zero uid, or when
    /// the image has a profile (whose capabilities are added back when the container starts as
    /// root); otherwise a decision.
    private func kubernetesFix(_ container: Container, in workload: Workload, context: RuleContext) -> (fix: Fix, advice: String) {
        let addPath = ["securityContext", "capabilities", "add"]
        var changes = [
            Change(
                scope: .container(container.name), path: ["securityContext", "capabilities", "drop"],
                operation: .append(.string("ALL")), target: container.node, existing: container.capabilitiesDropNode)
        ]
        for added in container.capabilitiesAdded where CapabilityNames.normalized(added.value) == "ALL" {
            changes.append(
                Change(
                    scope: .container(container.name), path: addPath, operation: .removeItem(.string(added.value)),
                    target: container.node, existing: container.capabilitiesAddNode))
        }
        let removesAll = changes.count > 1
        let removal = removesAll ? " and remove ALL from capabilities.add" : ""
        let removalAdvice = removesAll ? ", remove `ALL` from `capabilities.add`" : ""
        if let user = container.runAsUser, user.value != 0 {
            let reason =
                "the manifest runs it as uid \(user.value): a non-root process holds no capabilities unless a setuid or file-capability binary grants them"
            return (
                Fix(title: "Add ALL to capabilities.drop" + removal, kind: .known, changes: changes, reason: reason),
                "set `securityContext.capabilities.drop: [\"ALL\"]`\(removalAdvice); it runs as uid \(user.value), which holds none of them"
            )
        }
        guard let match = context.imageProfile(for: workload, container: container) else {
            let reason =
                "\(context.unknownImageReason(for: workload, container: container)) and it may run as root: Batten cannot know which capabilities it needs"
            return (
                Fix(title: "Add ALL to capabilities.drop" + removal, kind: .decision, changes: changes, reason: reason),
                "set `securityContext.capabilities.drop: [\"ALL\"]`\(removalAdvice) and add back only what it needs"
            )
        }
        let startsAsRoot = container.startsAsRoot(with: match)
        if startsAsRoot, !context.relaxesRunAsNonRootForUserNamespace(workload),
            let runAs = Self.nonRootUser(match), !match.profile.capabilities.add.isEmpty
        {
            // The runs-as-root fix runs the container as the profile's user, which holds no
            // capabilities: adding back what the image needs as root would only be flagged then.
            return (
                Fix(title: "Add ALL to capabilities.drop" + removal, kind: runAs.kind, changes: changes, reason: runAs.reason),
                "set `securityContext.capabilities.drop: [\"ALL\"]`\(removalAdvice) and run it as a non-root user, as \(match.phrase) allows"
            )
        }
        let needed = startsAsRoot ? match.profile.capabilities.add : []
        guard !needed.isEmpty else {
            return (
                Fix(
                    title: "Add ALL to capabilities.drop" + removal, kind: .known, changes: changes,
                    reason: "\(match.phrase) says the image needs none of them"),
                "set `securityContext.capabilities.drop: [\"ALL\"]`\(removalAdvice); \(match.phrase) says the image needs none of them"
            )
        }
        let present = Set(container.capabilitiesAdded.map(\.value))
        for name in needed where !present.contains(name) {
            changes.append(
                Change(
                    scope: .container(container.name), path: addPath, operation: .append(.string(name)),
                    target: container.node, existing: container.capabilitiesAddNode))
        }
        let list = needed.joined(separator: ", ")
        return (
            Fix(
                title: "Add ALL to capabilities.drop\(removal) and keep \(list) in capabilities.add", kind: .known,
                changes: changes, reason: "\(match.phrase): \(match.profile.capabilities.reason)"),
            "set `securityContext.capabilities.drop: [\"ALL\"]`\(removalAdvice) and keep \(list) in `capabilities.add`, which \(match.phrase) says the image needs to start as root"
        )
    }

    /// How a container that starts as root leaves it by the `runs-as-root` fix, when its profile
    /// gives a user other than root: known for a numeric user or any non-root user, a decision for a
    /// named user without its uid (without that fix the image starts as root and needs what the
    /// profile lists). Nil when the image cannot run as another user and stays root.
    private static func nonRootUser(_ match: ImageProfileMatch) -> (kind: FixKind, reason: String)? {
        if let user = match.kubernetesUser {
            return (.known, "\(match.phrase) gives uid \(user.uid), which the runs-as-root fix sets and which holds no capabilities")
        }
        switch match.profile.user.runAs {
        case .none:
            return nil
        case .any:
            return (.known, "\(match.phrase) says the image runs as any non-root user, which the runs-as-root fix sets and which holds no capabilities")
        case .user(let name):
            let list = match.profile.capabilities.add.joined(separator: ", ")
            return (
                .decision,
                "\(match.phrase) names the user `\(name)` but not its uid: until the container runs as a non-root user the image starts as root and needs \(list) back"
            )
        }
    }

    /// `cap_drop: [ALL]`, with the capabilities the image's profile needs back when it starts as
    /// root; without a profile, `ALL` alone and a title that says the fix is generic.
    private func composeFix(_ container: Container, in workload: Workload, context: RuleContext) -> (fix: Fix, advice: String) {
        var changes = [
            Change(
                scope: .service, path: ["cap_drop"], operation: .append(.string("ALL")), target: workload.node,
                existing: container.capabilitiesDropNode)
        ]
        guard let match = context.imageProfile(for: workload) else {
            if let user = Self.nonRootUser(container, in: workload) {
                let fix = Fix(
                    title: "Add ALL to cap_drop (it runs as \(user.name))", kind: .known, changes: changes,
                    reason:
                        "it runs as \(user.name) (\(user.source)), and a process that does not start as root holds no capabilities unless a setuid or file-capability binary grants them"
                )
                return (fix, "add `ALL` to `cap_drop`; it runs as \(user.name), which needs none of them")
            }
            let fix = Fix(
                title: "Add ALL to cap_drop " + context.genericNote(for: workload), kind: .decision, changes: changes,
                reason: context.unknownImageReason(for: workload) + ": Batten does not know which capabilities it needs when it starts as root")
            return (fix, "add `ALL` to `cap_drop` and add back only what it needs")
        }
        let startsAsRoot = container.user.map { UserSpec($0.value).isRoot } ?? match.profile.user.imageRunsAsRoot
        if let unknown = match.profile.role?.applicationUnknown, startsAsRoot {
            let fix = Fix(
                title: "Add ALL to cap_drop (\(match.phrase))", kind: .decision, changes: changes,
                reason: "\(match.phrase) \(unknown): which capabilities your application needs as root is not the image's to say")
            return (fix, "add `ALL` to `cap_drop` and add back only what the application needs")
        }
        let fileCapabilities = match.profile.capabilities.file
        let needed =
            (startsAsRoot ? match.profile.capabilities.add : [])
            + fileCapabilities.filter {
                !(startsAsRoot && match.profile.capabilities.add.contains($0))
            }
        guard !needed.isEmpty else {
            let fix = Fix(
                title: "Add ALL to cap_drop (\(match.phrase): it needs none back)", kind: .known, changes: changes,
                reason: "\(match.phrase) says the image needs no capability" + (startsAsRoot ? "" : " when it does not start as root"))
            return (fix, "add `ALL` to `cap_drop`; \(match.phrase) says the image needs none of them")
        }
        let present = Set(container.capabilitiesAdded.map { CapabilityNames.normalized($0.value) })
        for name in needed where !present.contains(name) {
            changes.append(
                Change(
                    scope: .service, path: ["cap_add"], operation: .append(.string(name)), target: workload.node,
                    existing: container.capabilitiesAddNode))
        }
        let list = needed.joined(separator: ", ")
        let reason =
            startsAsRoot
            ? "\(match.phrase) lists the capabilities the image needs when it starts as root"
            : "\(match.phrase) lists \(fileCapabilities.joined(separator: ", ")) as file capabilities of its binaries, which the bounding set must keep: \(match.profile.capabilities.fileReason ?? "")"
        let fix = Fix(
            title: "Add ALL to cap_drop and keep \(list) in cap_add (\(match.phrase))", kind: .known, changes: changes,
            reason: reason)
        return (fix, "add `ALL` to `cap_drop` and keep \(list) in `cap_add`, which \(match.phrase) says the image needs to start")
    }

    /// The non-root user a Compose service runs as by its own `user` or its Dockerfile's `USER`, with
    /// where that is said; nil when it may start as root.
    static func nonRootUser(_ container: Container, in workload: Workload) -> (name: String, source: String)? {
        if let user = container.user {
            let spec = UserSpec(user.value)
            return spec.user.isEmpty || spec.isRoot ? nil : (user.value, "its `user`")
        }
        guard let facts = workload.compose?.build?.facts, let user = facts.user else { return nil }
        let spec = UserSpec(user.value)
        return spec.user.isEmpty || spec.isRoot ? nil : (user.value, "\(facts.path):\(user.line) `USER \(user.value)`")
    }
}
