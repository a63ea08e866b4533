import BattenYAML

/// A container that runs as root turns every code-execution bug into root inside the container,
/// one kernel or runtime bug away from root on the host.
public struct RunsAsRootRule: Rule {
    public init() {}

    static let user = RuleParameter<String>(
        name: "user", default: "10001:10001",
        summary: "The `user` the Compose fix sets (uid:gid).")

    static let runAsUser = RuleParameter<Int>(
        name: "run-as-user", default: 10001,
        summary: "The `runAsUser` (and `runAsGroup`) the Kubernetes fix sets.")

    static let checkGroup = RuleParameter<Bool>(
        name: "check-group", default: true,
        summary: "Also report a primary group of 0 (root's group).")

    public static let description = RuleDescription(
        id: "runs-as-root",
        title: "Container runs as root",
        rationale: """
            Most images run as root unless told otherwise. Root in a container owns every file of the image, may \
            use all the capabilities the container has, and is root on the host as soon as a mount, a device, a \
            runtime bug or a kernel bug lets it out. A fixed non-root user id costs nothing for most services. \
            Group 0 matters too: files the image leaves to root's group stay writable. Compose: `user` unset \
            means the image's user. Kubernetes: without `runAsNonRoot: true` (pod or container) nothing stops an \
            image that runs as root; the Pod Security Standards also reject an explicit `runAsUser: 0` and a \
            pod-level `runAsNonRoot: false` even when every container sets true. Pods in their own user \
            namespace (`hostUsers: false`) are exempt from v1.35.
            """,
        remediation: """
            Compose: set `user: "10001:10001"` (any non-zero uid:gid the image can run as); for an image with a \
            profile (`batten explain-image IMAGE`) the fix sets the user the profile names, and none when the image \
            cannot run as another user. Kubernetes: set `securityContext.runAsNonRoot: true` and a non-zero \
            `runAsUser` (and `runAsGroup`). The Kubernetes fix is known when the manifest already sets a non-zero \
            `runAsUser` (only `runAsNonRoot` is added) or the image's profile gives a numeric user (with the pod's \
            `fsGroup` for claimed volumes); it is a decision with the policy's `run-as-user` for an image without a \
            profile, and there is none for an image that cannot run as another user.
            """,
        severity: .high,
        family: .privileges,
        references: [
            .cisDocker("4.1"), .pss(.restricted, "Running as Non-root"), .pss(.restricted, "Running as Non-root user"),
        ],
        formats: [.compose, .kubernetes],
        parameters: [user, runAsUser, checkGroup],
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
                        user: "10001:10001"
                    """, note: "No image profile matches: the fix sets the policy's user, which the image may not support."),
            .triggering(
                .compose,
                """
                services:
                  ↓db:
                    image: postgres:17.2
                  ↓cache:
                    image: redis:7.4
                  ↓dashboards:
                    image: grafana/grafana:11.2.0
                """,
                corrected: """
                    services:
                      db:
                        image: postgres:17.2
                        user: postgres
                      cache:
                        image: redis:7.4
                        user: redis
                      dashboards:
                        image: grafana/grafana:11.2.0
                        user: "472:472"
                    """,
                note: """
                    The image profiles name a user each image runs as; Grafana runs as uid 472 already, but with root's \
                    group (`check-group`).
                    """),
            .triggering(
                .compose,
                """
                services:
                  ↓proxy:
                    image: nginx:1.27
                """, note: "The nginx image profile says the image cannot run as another user without a changed configuration: no fix."),
            .passing(
                .compose,
                """
                services:
                  dashboards:
                    image: grafana/grafana:11.2.0
                  cache:
                    image: memcached:1.6
                """, parameters: [checkGroup.set(to: false)], note: "Both images run as their own user (`batten explain-image`)."),
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: example/web:1.4
                    ↓user: root
                  api:
                    image: api:1.0
                    ↓user: "0:0"
                  worker:
                    image: worker:1.0
                    ↓user: "1000:0"
                """,
                corrected: """
                    services:
                      web:
                        image: example/web:1.4
                        user: "10001:10001"
                      api:
                        image: api:1.0
                        user: "10001:10001"
                      worker:
                        image: worker:1.0
                        user: "1000:10001"
                    """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    user: "1000:1000"
                  api:
                    image: api:1.0
                    user: app
                """),
            .passing(
                .compose,
                """
                services:
                  worker:
                    image: worker:1.0
                    user: "1000:0"
                """, parameters: [checkGroup.set(to: false)], note: "With `check-group: false` only the user counts."),
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
                      runAsNonRoot: true
                      runAsUser: 1000
                  - name: agent
                    image: fluent-bit:3.1
                    securityContext:
                      ↓runAsUser: 0
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
                          runAsNonRoot: true
                          runAsUser: 10001
                      containers:
                      - name: app
                        image: nginx:1.27
                        securityContext:
                          runAsNonRoot: true
                          runAsUser: 1000
                      - name: agent
                        image: fluent-bit:3.1
                        securityContext:
                          runAsUser: 10001
                          runAsNonRoot: true
                    """, note: "One finding per container: `runAsUser: 0` stands for the missing `runAsNonRoot` too."),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  securityContext:
                    ↓runAsUser: 0
                  containers:
                  - name: app
                    image: nginx:1.27
                  - name: worker
                    image: busybox:1.36
                    securityContext:
                      ↓runAsNonRoot: false
                """,
                corrected: """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: web
                    spec:
                      securityContext:
                        runAsUser: 10001
                        runAsNonRoot: true
                      containers:
                      - name: app
                        image: nginx:1.27
                      - name: worker
                        image: busybox:1.36
                        securityContext:
                          runAsNonRoot: true
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
                      securityContext:
                        ↓runAsNonRoot: false
                      containers:
                      - name: app
                        image: nginx:1.27
                        securityContext:
                          runAsNonRoot: true
                          runAsUser: 1000
                          ↓runAsGroup: 0
                """,
                corrected: """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                    spec:
                      template:
                        spec:
                          securityContext:
                            runAsNonRoot: true
                          containers:
                          - name: app
                            image: nginx:1.27
                            securityContext:
                              runAsNonRoot: true
                              runAsUser: 1000
                              runAsGroup: 10001
                    """, note: "A pod-level `runAsNonRoot: false` is rejected even when every container sets true."),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: grafana
                spec:
                  containers:
                  - ↓name: grafana
                    image: grafana/grafana:11.2.0
                    volumeMounts:
                    - name: data
                      mountPath: /var/lib/grafana
                  - ↓name: exporter
                    image: example/exporter:1.0
                    securityContext:
                      runAsUser: 2000
                  volumes:
                  - name: data
                    persistentVolumeClaim:
                      claimName: grafana-data
                """,
                corrected: """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: grafana
                    spec:
                      containers:
                      - name: grafana
                        image: grafana/grafana:11.2.0
                        volumeMounts:
                        - name: data
                          mountPath: /var/lib/grafana
                        securityContext:
                          runAsNonRoot: true
                          runAsUser: 472
                          runAsGroup: 472
                      - name: exporter
                        image: example/exporter:1.0
                        securityContext:
                          runAsUser: 2000
                          runAsNonRoot: true
                      volumes:
                      - name: data
                        persistentVolumeClaim:
                          claimName: grafana-data
                      securityContext:
                        fsGroup: 472
                    """,
                note: """
                    Known fixes: the grafana image profile gives uid and gid 472 (and the claimed volume gets that \
                    `fsGroup`); the exporter already runs as uid 2000, so only `runAsNonRoot` is missing.
                    """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: proxy
                spec:
                  containers:
                  - ↓name: proxy
                    image: nginx:1.27
                """, note: "The nginx image profile says the image cannot run as another user without a changed configuration: no fix."),
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
                        runAsNonRoot: true
                        runAsUser: 1000
                        runAsGroup: 1000
                      initContainers:
                      - name: setup
                        image: busybox:1.36
                      containers:
                      - name: app
                        image: nginx:1.27
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: builder
                spec:
                  hostUsers: false
                  containers:
                  - name: app
                    image: buildkit:0.15
                    securityContext:
                      runAsUser: 0
                      runAsGroup: 0
                """, note: "Root in a pod with its own user namespace is not root on the host."),
        ])

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        workload.containers.prefix(1).compactMap { checkCompose($0, in: workload, context: context) }
    }

    // MARK: Compose

    /// What the Compose fix may set: the user the image's profile names, the policy's `user` for an
    /// image that runs as anyone (or has no profile: a generic fix), nothing for an image that cannot
    /// run as another user.
    private struct ComposeUserFix {
        var match: ImageProfileMatch?
        var wanted: String
        var generic: String
        /// Why Batten knows nothing of the image, when no profile matched.
        var unknown: String

        /// The `user` value to set in place of `current` (nil when the image cannot run as another user).
        var proposed: String? {
            guard let match else { return wanted }
            switch match.profile.user.runAs {
            case .user(let user): return user
            case .any: return wanted
            case .none: return nil
            }
        }

        /// The fix that sets `value`, its title saying where the value comes from: `known` when the
        /// image's profile names the user (or says it runs as anyone, for an image that is not a
        /// language runtime whose application decides), a `decision` otherwise.
        func fix(_ value: String, container: Container, workload: Workload) -> Fix {
            let source = match.map { "(\($0.phrase))" } ?? generic
            let change = Change(
                scope: .service, path: ["user"], operation: .set(.string(value)), target: workload.node,
                existing: container.user?.node)
            let title = "Set user: \"\(value)\" \(source)"
            guard let match else {
                return Fix(
                    title: title, kind: .decision, changes: [change],
                    reason: "\(unknown): Batten cannot know that the image works as \(value)")
            }
            if let unknown = match.profile.role?.applicationUnknown {
                return Fix(
                    title: title, kind: .decision, changes: [change],
                    reason: "\(match.phrase) \(unknown): whether your application's files and paths work for \(value) is not the image's to say")
            }
            if match.profile.user.imageRunsAsRoot, let bind = Self.hostOwnedDataPath(container, profile: match.profile) {
                return Fix(
                    title: title, kind: .decision, changes: [change],
                    reason:
                        "\(match.phrase) names this user, but \(bind.target) comes from the host path \(bind.source ?? ""), whose owner Batten cannot see: started as root the entrypoint makes it the user's, started as \(value) it cannot (Docker creates a missing bind source as root)"
                )
            }
            return Fix(title: title, kind: .known, changes: [change], reason: match.phrase + " names this user")
        }

        /// A writable bind mount at a path where the profile says the image keeps data: an image that
        /// starts as root prepares such a path for its user, which it cannot when it starts as that user.
        static func hostOwnedDataPath(_ container: Container, profile: ImageProfile) -> Mount? {
            container.mounts.first { mount in
                guard mount.kind == .bind, !mount.readOnly, let target = HostPath.normalized(mount.target) else { return false }
                return profile.writable.contains { $0.kind == .volume && HostPath.isWithin(target, $0.path) }
            }
        }

        /// What to do, for the finding's message.
        var advice: String {
            guard let match else { return "set `user: \"\(wanted)\"`" }
            if let proposed { return "set `user: \"\(proposed)\"`, which \(match.phrase) says it can run as" }
            return "\(match.phrase) says the image cannot run as another user as it is: \(match.profile.user.reason)"
        }
    }

    private func checkCompose(_ container: Container, in workload: Workload, context: RuleContext) -> Finding? {
        let wanted = context.value(of: Self.user)
        let userFix = ComposeUserFix(
            match: context.imageProfile(for: workload), wanted: wanted, generic: context.genericNote(for: workload),
            unknown: context.unknownImageReason(for: workload))
        guard let user = container.user else {
            return checkImageUser(container, in: workload, context: context, userFix: userFix)
        }
        let target = FindingTarget(workload, container: container).displayName
        let fix = userFix.proposed.map { userFix.fix($0, container: container, workload: workload) }
        let parts = user.value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let name = parts.first ?? ""
        let group = parts.dropFirst().first
        if name.isEmpty {
            return context.finding(
                "\(target) sets an empty `user`, so it runs as the image's user; \(userFix.advice)",
                at: user.node, in: workload, container: container, setting: "user", fix: fix)
        }
        if Self.isRoot(name) {
            let advice = userFix.match == nil ? "set `user: \"\(wanted)\"` or another non-root uid:gid" : userFix.advice
            return context.finding(
                "\(target) runs as root (`user: \(user.value)`); \(advice)",
                at: user.node, in: workload, container: container, setting: "user", fix: fix)
        }
        if context.value(of: Self.checkGroup), let group, Self.isRoot(group) {
            let wantedGroup = wanted.split(separator: ":", maxSplits: 1).last.map(String.init) ?? wanted
            var value = "\(name):\(wantedGroup)"
            if let match = userFix.match, case .user(let profileUser) = match.profile.user.runAs { value = profileUser }
            return context.finding(
                "\(target) runs with root's group (`user: \(user.value)`), which can write files the image leaves to group 0; set `user: \"\(value)\"`",
                at: user.node, in: workload, container: container, setting: "user",
                fix: userFix.fix(value, container: container, workload: workload))
        }
        return nil
    }

    /// A service without `user` runs as its image's user: for a service built here, the last `USER`
    /// of the Dockerfile's final stage (or `target`), which decides the finding and is named in it;
    /// for a published image, the user its profile documents.
    private func checkImageUser(
        _ container: Container, in workload: Workload, context: RuleContext, userFix: ComposeUserFix
    ) -> Finding? {
        let target = FindingTarget(workload, container: container).displayName
        let wanted = userFix.wanted
        let fix = userFix.proposed.map { userFix.fix($0, container: container, workload: workload) }
        if let match = userFix.match {
            return checkProfileUser(container, in: workload, context: context, match: match, userFix: userFix)
        }
        guard let facts = workload.compose?.build?.facts else {
            let source =
                workload.compose?.build == nil
                ? "the image's user, which is root unless the image says otherwise"
                : "the user its Dockerfile's last `USER` names, or root if there is none"
            return context.finding(
                "\(target) does not set `user`, so it runs as \(source); set `user: \"\(wanted)\"`",
                at: workload.location, in: workload, container: container, setting: "user", fix: fix)
        }
        guard let dockerUser = facts.user else {
            return context.finding(
                "\(target) does not set `user` and its Dockerfile \(facts.path) has no `USER`, so it runs as the base image's user (root for most images); add `USER` to the Dockerfile or set `user: \"\(wanted)\"`",
                at: workload.location, in: workload, container: container, setting: "user", fix: fix)
        }
        let parts = dockerUser.value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let name = parts.first ?? ""
        if name.isEmpty || Self.isRoot(name) {
            return context.finding(
                "\(target) runs as root: its Dockerfile \(facts.path):\(dockerUser.line) sets `USER \(dockerUser.value)`; set a non-root `USER` there or `user: \"\(wanted)\"` here",
                at: workload.location, in: workload, container: container, setting: "user", fix: fix)
        }
        if context.value(of: Self.checkGroup), let group = parts.dropFirst().first, Self.isRoot(group) {
            return context.finding(
                "\(target) runs with root's group: its Dockerfile \(facts.path):\(dockerUser.line) sets `USER \(dockerUser.value)`; use a non-root group",
                at: workload.location, in: workload, container: container, setting: "user", fix: fix)
        }
        return nil
    }

    /// A service without `user` whose image has a profile: the user the profile says the image runs
    /// as decides; the fix sets the user the profile says it can run as, or nothing when it cannot.
    private func checkProfileUser(
        _ container: Container, in workload: Workload, context: RuleContext, match: ImageProfileMatch,
        userFix: ComposeUserFix
    ) -> Finding? {
        let target = FindingTarget(workload, container: container).displayName
        let imageUser = UserSpec(match.profile.user.image)
        let fix = userFix.proposed.map { userFix.fix($0, container: container, workload: workload) }
        if imageUser.isRoot {
            return context.finding(
                "\(target) does not set `user`, so it runs as root, the default user of its image \(match.image); \(userFix.advice)",
                at: workload.location, in: workload, container: container, setting: "user", fix: fix)
        }
        if context.value(of: Self.checkGroup), imageUser.hasRootGroup {
            let value = userFix.proposed ?? "\(imageUser.user):\(userFix.wanted.split(separator: ":").last.map(String.init) ?? userFix.wanted)"
            return context.finding(
                "\(target) runs with root's group: its image \(match.image) runs as `\(match.profile.user.image)` (\(match.phrase)); set `user: \"\(value)\"`",
                at: workload.location, in: workload, container: container, setting: "user",
                fix: userFix.fix(value, container: container, workload: workload))
        }
        return nil
    }

    /// `root` or a numeric id of 0, as Docker reads the user or group part of `user`.
    static func isRoot(_ part: String) -> Bool { part == "root" || Int(part) == 0 }

    // MARK: Kubernetes

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        let pod = workload.kubernetes?.podSecurityContext ?? SecurityContextSettings()
        let relaxed = context.relaxesRunAsNonRootForUserNamespace(workload)
        let windows = workload.isWindowsPod
        let checkGroup = context.value(of: Self.checkGroup) && workload.hostUsers?.value != false && !windows
        let checkUser = context.pssVersion.enforces(.runAsNonZeroUser)
        let uid = context.value(of: Self.runAsUser)
        let podName = workload.displayName
        var findings: [Finding] = []

        // A `runAsUser: 0` finding also proposes `runAsNonRoot: true` at its level, so it stands for
        // the missing `runAsNonRoot` of everything that inherits from that level.
        let podRunsAsRoot = !relaxed && checkUser && pod.runAsUser?.value == 0
        if !relaxed, let nonRoot = pod.runAsNonRoot, !nonRoot.value {
            findings.append(
                context.finding(
                    "\(podName) sets `runAsNonRoot: false` for the whole pod; set it to true (a container's own setting does not make up for it)",
                    at: nonRoot.node, in: workload, setting: "pod.securityContext.runAsNonRoot",
                    fix: Fix(
                        title: "Set runAsNonRoot: true", kind: .decision,
                        changes: [PrivilegeChanges.pod(workload, ["runAsNonRoot"], .bool(true), existing: nonRoot.node)])))
        }
        if podRunsAsRoot, let user = pod.runAsUser {
            var changes = [PrivilegeChanges.pod(workload, ["runAsUser"], .int(uid), existing: user.node)]
            if pod.runAsNonRoot == nil {
                changes.append(PrivilegeChanges.pod(workload, ["runAsNonRoot"], .bool(true), existing: nil))
            }
            findings.append(
                context.finding(
                    "\(podName) runs as root: the pod sets `runAsUser: 0`; use a non-zero user id such as \(uid) and `runAsNonRoot: true`",
                    at: user.node, in: workload, setting: "pod.securityContext.runAsUser",
                    fix: Fix(title: Self.title(changes), kind: .decision, changes: changes)))
        }
        if checkGroup, let group = pod.runAsGroup, group.value == 0 {
            findings.append(
                context.finding(
                    "\(podName) sets `runAsGroup: 0` for the whole pod, so its processes keep root's group; use a non-zero group id such as \(uid)",
                    at: group.node, in: workload, setting: "pod.securityContext.runAsGroup",
                    fix: Fix(
                        title: "Set runAsGroup: \(uid)", kind: .decision,
                        changes: [PrivilegeChanges.pod(workload, ["runAsGroup"], .int(uid), existing: group.node)])))
        }

        for container in workload.containers {
            let own = container.kubernetes?.securityContext ?? SecurityContextSettings()
            let target = FindingTarget(workload, container: container).displayName
            if !relaxed {
                let inheritsMissingNonRoot = own.runAsNonRoot == nil && pod.runAsNonRoot == nil
                let runsAsRoot = checkUser && own.runAsUser?.value == 0
                let ownNonRootFalse = own.runAsNonRoot.map { !$0.value } ?? false
                let missingNonRoot = inheritsMissingNonRoot && !runsAsRoot && !podRunsAsRoot
                let plan =
                    (runsAsRoot || ownNonRootFalse || missingNonRoot)
                    ? KubernetesUserPlan(container, in: workload, pod: pod, windows: windows, genericUID: uid, context: context)
                    : nil
                if runsAsRoot, let user = own.runAsUser, let plan {
                    var changes = plan.userChanges(container, pod: pod, in: workload, existing: user.node)
                    if inheritsMissingNonRoot {
                        changes.append(PrivilegeChanges.container(container, ["runAsNonRoot"], .bool(true), existing: nil))
                    }
                    findings.append(
                        context.finding(
                            "\(target) runs as root (`runAsUser: 0`); \(plan.advice(nonRoot: inheritsMissingNonRoot))",
                            at: user.node, in: workload, container: container, setting: "securityContext.runAsUser",
                            fix: plan.fix(changes)))
                }
                if let plan, ownNonRootFalse || missingNonRoot {
                    var nonRootChanges = [
                        PrivilegeChanges.container(container, ["runAsNonRoot"], .bool(true), existing: own.runAsNonRoot?.node)
                    ]
                    if container.runAsUser == nil && !windows {
                        nonRootChanges += plan.userChanges(container, pod: pod, in: workload, existing: nil)
                    }
                    let nonRootFix = plan.fix(nonRootChanges)
                    if let nonRoot = own.runAsNonRoot, !nonRoot.value {
                        findings.append(
                            context.finding(
                                "\(target) sets `runAsNonRoot: false`; set it to true and run as a non-zero user id\(plan.refusalNote)",
                                at: nonRoot.node, in: workload, container: container,
                                setting: "securityContext.runAsNonRoot", fix: nonRootFix))
                    } else {
                        let message: String
                        if let user = container.runAsUser, user.value != 0 {
                            message =
                                "\(target) runs as uid \(user.value) but neither it nor the pod sets `runAsNonRoot: true`, which the restricted level requires so that root cannot come back through a changed user or image; set it"
                        } else {
                            message = "\(target) may run as root: neither it nor the pod sets `runAsNonRoot: true`; \(plan.advice(nonRoot: true))"
                        }
                        findings.append(
                            context.finding(
                                message,
                                at: container.location, in: workload, container: container,
                                setting: "securityContext.runAsNonRoot", fix: nonRootFix))
                    }
                }
            }
            if checkGroup, let group = own.runAsGroup, group.value == 0 {
                findings.append(
                    context.finding(
                        "\(target) sets `runAsGroup: 0`, so it keeps root's group; use a non-zero group id such as \(uid)",
                        at: group.node, in: workload, container: container, setting: "securityContext.runAsGroup",
                        fix: Fix(
                            title: "Set runAsGroup: \(uid)", kind: .decision,
                            changes: [PrivilegeChanges.container(container, ["runAsGroup"], .int(uid), existing: group.node)])))
            }
        }
        return findings
    }

    /// The user a Kubernetes container's fix sets, and how Batten knows the image works with it: the
    /// manifest's own non-zero `runAsUser`, the numeric user of the image's profile (or the image's
    /// own non-root user), or nothing known (the policy's `run-as-user`, a decision). No fix when the
    /// profile says the image cannot run as another user.
    private struct KubernetesUserPlan {
        /// The `runAsUser` to set; nil when the manifest's own non-zero user is kept.
        var uid: Int?
        /// The `runAsGroup` to set when the container has none.
        var gid: Int?
        /// The pod `fsGroup` to set, so that claimed volumes are writable by `gid`.
        var fsGroup: Int?
        var kind: FixKind
        var reason: String
        /// How the advice names the evidence: `which the grafana image profile says the image runs as`.
        var evidence: String?
        /// Why no fix is proposed; nil when one is.
        var refusal: String?

        init(
            _ container: Container, in workload: Workload, pod: SecurityContextSettings, windows: Bool, genericUID: Int,
            context: RuleContext
        ) {
            kind = .decision
            if let user = container.runAsUser, user.value != 0 {
                kind = .known
                reason = "the manifest sets uid \(user.value)"
                return
            }
            if windows {
                reason = "Batten cannot know the user a Windows image runs as"
                return
            }
            guard let match = context.imageProfile(for: workload, container: container) else {
                uid = genericUID
                reason = "\(context.unknownImageReason(for: workload, container: container)): Batten cannot know that it runs as uid \(genericUID)"
                return
            }
            if let user = match.kubernetesUser {
                uid = user.uid
                gid = user.gid
            } else {
                switch match.profile.user.runAs {
                case .none:
                    refusal = "\(match.phrase) says the image cannot run as another user as it is: \(match.profile.user.reason)"
                    reason = refusal ?? ""
                case .any where match.profile.role == .runtime:
                    uid = genericUID
                    reason = Self.runtimeReason(match, uid: genericUID)
                case .any:
                    uid = genericUID
                    kind = .known
                    reason = "\(match.phrase) says the image runs as any non-root user"
                case .user(let name):
                    uid = genericUID
                    reason = "\(match.phrase) names the user `\(name)` but not its uid: Batten cannot know that the image runs as uid \(genericUID)"
                }
                return
            }
            evidence = "which \(match.phrase) says the image runs as"
            if match.profile.role == .runtime {
                reason = Self.runtimeReason(match, uid: uid ?? genericUID)
            } else {
                kind = .known
                reason = "\(match.phrase) says the image runs as uid \(uid.map(String.init) ?? "")"
            }
            let claimsVolume = container.mounts.contains { $0.kind == .persistentVolumeClaim || $0.kind == .ephemeral }
            if let gid, pod.fsGroup == nil, claimsVolume { fsGroup = gid }
        }

        /// Why the user of a language runtime's image is a decision, as for Compose: the application
        /// on top decides which files and paths it needs.
        static func runtimeReason(_ match: ImageProfileMatch, uid: Int) -> String {
            "\(match.phrase) is a language runtime: whether your application's files and paths work for uid \(uid) is not the image's to say"
        }

        /// The changes that set the user: `runAsUser` (replacing `existing`), `runAsGroup` when the
        /// container has none, the pod's `fsGroup`. Empty when no user is set.
        func userChanges(_ container: Container, pod: SecurityContextSettings, in workload: Workload, existing: NodeRef?) -> [Change] {
            guard refusal == nil, let uid else { return [] }
            var changes = [PrivilegeChanges.container(container, ["runAsUser"], .int(uid), existing: existing)]
            if let gid, container.runAsGroup == nil {
                changes.append(PrivilegeChanges.container(container, ["runAsGroup"], .int(gid), existing: nil))
            }
            if let fsGroup {
                changes.append(PrivilegeChanges.pod(workload, ["fsGroup"], .int(fsGroup), existing: nil))
            }
            return changes
        }

        /// The fix made of `changes`, or nil when none is proposed.
        func fix(_ changes: [Change]) -> Fix? {
            guard refusal == nil, !changes.isEmpty else { return nil }
            return Fix(title: RunsAsRootRule.title(changes), kind: kind, changes: changes, reason: reason)
        }

        /// What to do, for a finding's message (`nonRoot`: also set `runAsNonRoot: true`).
        func advice(nonRoot: Bool) -> String {
            if let refusal { return "no fix is proposed: \(refusal)" }
            guard let uid else { return "set `runAsNonRoot: true`" }
            var settings = ["`runAsUser: \(uid)`"]
            if let gid { settings.append("`runAsGroup: \(gid)`") }
            if nonRoot { settings.append("`runAsNonRoot: true`") }
            let list = settings.count == 1 ? settings[0] : settings.dropLast().joined(separator: ", ") + " and " + (settings.last ?? "")
            return "set " + list + (evidence.map { ", " + $0 } ?? "")
        }

        /// A sentence end for messages that give no advice of their own: why there is no fix.
        var refusalNote: String { refusal.map { "; no fix is proposed: " + $0 } ?? "" }
    }

    /// A fix title that names what the changes set (`Set runAsUser: 10001 and runAsNonRoot: true`).
    static func title(_ changes: [Change]) -> String {
        let parts = changes.compactMap { change -> String? in
            guard case .set(let value) = change.operation, let key = change.path.last else { return nil }
            return "\(key): \(value.scalarText ?? "…")"
        }
        return "Set " + parts.joined(separator: " and ")
    }
}
