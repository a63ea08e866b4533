import BattenYAML

/// A container whose root filesystem is writable.
public struct WritableRootFilesystemRule: Rule {
    public init() {}

    static let tmpfs = RuleParameter<[String]>(
        name: "tmpfs", default: ["/tmp"],
        summary: "Paths the fix mounts as tmpfs (Compose) or emptyDir (Kubernetes) next to a read-only root, unless already mounted.")

    public static let description = RuleDescription(
        id: "writable-root-filesystem",
        title: "Writable root filesystem",
        rationale: """
            With a writable root filesystem an attacker who gets code execution can drop tools, replace the \
            application's binaries or libraries, and persist changes for the life of the container. A read-only \
            root filesystem limits writes to the volumes and tmpfs mounts that were declared on purpose.
            """,
        remediation: """
            Set `read_only: true` (Compose) or `securityContext.readOnlyRootFilesystem: true` (Kubernetes) and \
            give the application a tmpfs or emptyDir for the directories it must write, such as /tmp. For a Compose \
            image with a profile (`batten explain-image IMAGE`) the fix mounts a tmpfs or a volume at every path the \
            profile says the image writes; otherwise only the `tmpfs` parameter's paths, and it says it is generic. \
            Kubernetes: the fix mounts an emptyDir at every path the image's profile says it writes and at the \
            `tmpfs` parameter's paths (known with a profile, a decision without).
            """,
        severity: .medium,
        family: .filesystem,
        references: [.cisDocker("5.13")],
        formats: [.compose, .kubernetes],
        parameters: [tmpfs],
        fixKinds: [.known, .decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  ↓web:
                    image: example/web:1.4
                  worker:
                    image: example/worker:3.2
                    ↓read_only: false
                """,
                corrected: """
                    services:
                      web:
                        image: example/web:1.4
                        read_only: true
                        tmpfs:
                          - /tmp
                      worker:
                        image: example/worker:3.2
                        read_only: true
                        tmpfs:
                          - /tmp
                    """, note: "No image profile matches: the fix mounts only the policy's tmpfs paths, so check what else the image writes."),
            .triggering(
                .compose,
                """
                services:
                  ↓web:
                    image: nginx:1.27
                  db:
                    image: postgres:17.2
                    ↓read_only: false
                    volumes:
                      - pgdata:/var/lib/postgresql/data
                  ↓cache:
                    image: redis:7.4
                volumes:
                  pgdata: {}
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        read_only: true
                        tmpfs:
                          - /var/cache/nginx
                          - /var/run
                          - /tmp
                      db:
                        image: postgres:17.2
                        read_only: true
                        volumes:
                          - pgdata:/var/lib/postgresql/data
                        tmpfs:
                          - /var/run/postgresql
                          - /tmp
                      cache:
                        image: redis:7.4
                        read_only: true
                        volumes:
                          - type: volume
                            target: /data
                        tmpfs:
                          - /tmp
                    volumes:
                      pgdata: {}
                    """,
                note: """
                    The image profiles list what each image writes: scratch paths become tmpfs, data paths a volume \
                    (one already mounted is kept).
                    """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    read_only: true
                    tmpfs:
                      - /tmp
                      - /var/cache/nginx
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      initContainers:
                      - name: migrate
                        image: example/migrate:1.0
                        securityContext:
                          ↓readOnlyRootFilesystem: false
                      containers:
                      - ↓name: web
                        image: nginx:1.27
                """,
                corrected: """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                    spec:
                      selector:
                        matchLabels:
                          app: web
                      template:
                        metadata:
                          labels:
                            app: web
                        spec:
                          initContainers:
                          - name: migrate
                            image: example/migrate:1.0
                            securityContext:
                              readOnlyRootFilesystem: true
                            volumeMounts:
                            - name: migrate-tmp
                              mountPath: /tmp
                          containers:
                          - name: web
                            image: nginx:1.27
                            securityContext:
                              readOnlyRootFilesystem: true
                            volumeMounts:
                            - name: web-var-cache-nginx
                              mountPath: /var/cache/nginx
                            - name: web-var-run
                              mountPath: /var/run
                            - name: web-tmp
                              mountPath: /tmp
                          volumes:
                          - name: migrate-tmp
                            emptyDir: {}
                          - name: web-var-cache-nginx
                            emptyDir: {}
                          - name: web-var-run
                            emptyDir: {}
                          - name: web-tmp
                            emptyDir: {}
                    """,
                note: """
                    Every path the nginx image profile says the image writes gets an emptyDir (known); the migrate \
                    image has no profile, so its fix mounts only the `tmpfs` parameter's paths and is a decision. \
                    Volume names start with the container's name when the pod has several containers.
                    """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - ↓name: web
                    image: nginx:1.27
                    volumeMounts:
                    - name: cache
                      mountPath: /var/cache
                    - name: tmp
                      mountPath: /etc/nginx/conf.d
                  volumes:
                  - name: cache
                    emptyDir: {}
                  - name: tmp
                    configMap:
                      name: web-config
                """,
                corrected: """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: web
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                        volumeMounts:
                        - name: cache
                          mountPath: /var/cache
                        - name: tmp
                          mountPath: /etc/nginx/conf.d
                        - name: var-run
                          mountPath: /var/run
                        - name: tmp-2
                          mountPath: /tmp
                        securityContext:
                          readOnlyRootFilesystem: true
                      volumes:
                      - name: cache
                        emptyDir: {}
                      - name: tmp
                        configMap:
                          name: web-config
                      - name: var-run
                        emptyDir: {}
                      - name: tmp-2
                        emptyDir: {}
                    """, note: "A mount that covers a path is kept; a name the pod already uses gets a number."),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    securityContext:
                      readOnlyRootFilesystem: true
                    volumeMounts:
                    - name: tmp
                      mountPath: /tmp
                  volumes:
                  - name: tmp
                    emptyDir: {}
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
                  - name: iis
                    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
                """, note: "Windows containers cannot have a read-only root filesystem"),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        if workload.isWindowsPod { return [] }
        var findings: [Finding] = []
        for container in workload.containers where container.readOnlyRootFilesystem?.value != true {
            let who = FindingTarget(workload, container: container).displayName
            let setting = container.readOnlyRootFilesystem
            let node = setting?.node ?? container.location
            switch workload.format {
            case .compose:
                let fix = composeFix(container, workload: workload, context: context)
                findings.append(
                    context.finding(
                        "\(who) has a writable root filesystem; \(fix.advice)",
                        at: node, in: workload, container: container, setting: "read_only", fix: fix.fix))
            case .kubernetes:
                let fix = kubernetesFix(container, workload: workload, context: context)
                findings.append(
                    context.finding(
                        "\(who) has a writable root filesystem; \(fix.advice)",
                        at: node, in: workload, container: container, setting: "securityContext.readOnlyRootFilesystem",
                        fix: fix.fix))
            }
        }
        return findings
    }

    /// `readOnlyRootFilesystem: true` with an emptyDir volume and its mount for every path the
    /// image's profile says it writes and for each path of the `tmpfs` parameter, unless a mount of
    /// the container already covers the path. Data paths get an emptyDir too: the container's
    /// writable layer does not outlive the pod's restarts either, so nothing is lost that was kept.
    private func kubernetesFix(_ container: Container, workload: Workload, context: RuleContext) -> (fix: Fix, advice: String) {
        var changes = [
            Change(
                scope: .container(container.name), path: ["securityContext", "readOnlyRootFilesystem"],
                operation: .set(.bool(true)), target: container.node, existing: container.readOnlyRootFilesystem?.node)
        ]
        var mounted = container.mounts.compactMap { HostPath.normalized($0.target) }
        let match = context.imageProfile(for: workload, container: container)
        let wanted = (match?.profile.writable.map(\.path) ?? []) + context.value(of: Self.tmpfs)
        var taken = Set(workload.kubernetes?.volumes.map(\.name) ?? [])
        let prefix = workload.containers.count > 1 ? container.name : nil
        var paths: [String] = []
        for path in wanted {
            guard let normalized = HostPath.normalized(path), normalized != "/",
                !mounted.contains(where: { HostPath.isWithin(normalized, $0) })
            else { continue }
            mounted.append(normalized)
            paths.append(normalized)
            let name = Self.volumeName(for: normalized, prefix: prefix, taken: taken)
            taken.insert(name)
            changes.append(
                Change(
                    scope: .pod, path: ["volumes"],
                    operation: .append(.mapping([("name", .string(name)), ("emptyDir", .mapping([]))])),
                    target: workload.node, existing: workload.kubernetes?.volumesNode))
            changes.append(
                Change(
                    scope: .container(container.name), path: ["volumeMounts"],
                    operation: .append(.mapping([("name", .string(name)), ("mountPath", .string(normalized))])),
                    target: container.node, existing: container.kubernetes?.volumeMountsNode))
        }
        let mounts = paths.isEmpty ? "" : " and mount an emptyDir at " + paths.joined(separator: ", ")
        let title = "Set securityContext.readOnlyRootFilesystem: true" + mounts
        guard let match else {
            let reason =
                "\(context.unknownImageReason(for: workload, container: container)): Batten cannot know where the image writes"
                + (paths.isEmpty ? "" : " besides " + paths.joined(separator: ", "))
            return (
                Fix(title: title, kind: .decision, changes: changes, reason: reason),
                "set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where it must write"
            )
        }
        if let readOnly = Self.unmetReadOnlyRoot(match, container: container, workload: workload) {
            return (
                Fix(title: title, kind: .decision, changes: changes, reason: "\(match.phrase): \(readOnly.reason)"),
                "set `securityContext.readOnlyRootFilesystem: true` only if the image can: \(match.phrase) says it \(readOnly.requires.isEmpty ? "cannot" : "needs a setting for it")"
            )
        }
        let written = match.profile.writable.map(\.path)
        let reason =
            written.isEmpty
            ? "\(match.phrase) lists no path the image writes" : "\(match.phrase) lists the paths the image writes"
        let advice =
            written.isEmpty
            ? "set `securityContext.readOnlyRootFilesystem: true`; \(match.phrase) lists no path the image writes"
            : "set `securityContext.readOnlyRootFilesystem: true` with an emptyDir for each path \(match.phrase) says it writes ("
                + written.joined(separator: ", ") + ")"
        if match.profile.role == .runtime {
            let runtimeReason = "\(match.phrase) is a language runtime: the paths your application writes are not the image's to say"
            return (Fix(title: title, kind: .decision, changes: changes, reason: runtimeReason), advice)
        }
        return (Fix(title: title, kind: .known, changes: changes, reason: reason), advice)
    }

    /// The profile's `read-only-root` when the service does not meet it: the image cannot run with a
    /// read-only root at all, or needs a setting the service does not have.
    static func unmetReadOnlyRoot(_ match: ImageProfileMatch, container: Container, workload: Workload) -> ImageProfile.ReadOnlyRoot? {
        guard let readOnly = match.profile.readOnlyRoot else { return nil }
        let settings = ServiceConditions(container, workload: workload)
        return readOnly.requires.contains(where: { settings.holds($0) }) ? nil : readOnly
    }

    /// The change that sets `name=value` in a Compose service's environment, in the form the
    /// service already uses (a list item, or a key of the mapping).
    static func environmentChange(_ name: String, _ value: String, container: Container, workload: Workload) -> Change {
        if let list = container.environment.first?.node.parent, list.kind == .sequence {
            return Change(
                scope: .service, path: ["environment"], operation: .append(.string("\(name)=\(value)")),
                target: workload.node, existing: list)
        }
        return Change(scope: .service, path: ["environment", name], operation: .set(.string(value)), target: workload.node)
    }

    /// A pod volume name for an emptyDir at `path`: a DNS label made of the path's words
    /// (`/var/cache/nginx` → `var-cache-nginx`), after the container's name when the pod has several
    /// containers, with a number added when a volume of the pod already has the name.
    static func volumeName(for path: String, prefix: String?, taken: Set<String>) -> String {
        var words: [String] = []
        var word = ""
        for character in ((prefix.map { $0 + "/" } ?? "") + path).lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        let base = words.isEmpty ? "scratch" : words.joined(separator: "-")
        var counter = 1
        while true {
            let suffix = counter == 1 ? "" : "-\(counter)"
            var name = String(base.prefix(63 - suffix.count))
            while name.hasSuffix("-") { name.removeLast() }
            name += suffix
            if !taken.contains(name) { return name }
            counter += 1
        }
    }

    /// `read_only: true` with a tmpfs or a volume for every path the image's profile says it writes
    /// and a tmpfs for each path of the `tmpfs` parameter, unless a mount already covers the path.
    private func composeFix(_ container: Container, workload: Workload, context: RuleContext) -> (fix: Fix, advice: String) {
        var changes = [
            Change(
                scope: .service, path: ["read_only"], operation: .set(.bool(true)), target: workload.node,
                existing: container.readOnlyRootFilesystem?.node)
        ]
        var mounted = Set(
            container.tmpfs.compactMap { $0.value.split(separator: ":").first.map(String.init) }.compactMap(HostPath.normalized)
                + container.mounts.compactMap { HostPath.normalized($0.target) })
        func isCovered(_ path: String) -> Bool { mounted.contains { HostPath.isWithin(path, $0) } }
        let match = context.imageProfile(for: workload)
        // A mount at a path the image moved (moved-data-path) stands for its new path: that rule moves
        // it there, or PGDATA keeps the data below the old one; a second mount there would clash.
        for moved in match?.profile.movedPaths ?? [] where mounted.contains(moved.path) { mounted.insert(moved.to) }
        var tmpfs: [String] = []
        var volumes: [String] = []
        for writable in match?.profile.writable ?? [] {
            guard let path = HostPath.normalized(writable.path), !isCovered(path) else { continue }
            mounted.insert(path)
            switch writable.kind {
            case .tmpfs:
                tmpfs.append(path)
                changes.append(Change(scope: .service, path: ["tmpfs"], operation: .append(.string(path)), target: workload.node))
            case .volume:
                volumes.append(path)
                changes.append(
                    Change(
                        scope: .service, path: ["volumes"],
                        operation: .append(.mapping([("type", .string("volume")), ("target", .string(path))])), target: workload.node))
            }
        }
        for path in context.value(of: Self.tmpfs) {
            guard let normalized = HostPath.normalized(path), !isCovered(normalized) else { continue }
            mounted.insert(normalized)
            tmpfs.append(normalized)
            changes.append(Change(scope: .service, path: ["tmpfs"], operation: .append(.string(path)), target: workload.node))
        }
        var parts: [String] = []
        if !tmpfs.isEmpty { parts.append("mount tmpfs at " + tmpfs.joined(separator: ", ")) }
        if !volumes.isEmpty { parts.append("a volume at " + volumes.joined(separator: ", ")) }
        let mounts = parts.joined(separator: " and ")
        let title = "Set read_only: true" + (mounts.isEmpty ? "" : " and " + mounts)
        guard let match else {
            let reason = context.unknownImageReason(for: workload) + ": Batten does not know which paths it writes"
            return (
                Fix(title: title + " " + context.genericNote(for: workload), kind: .decision, changes: changes, reason: reason),
                "set `read_only: true` and mount tmpfs where it must write"
            )
        }
        let advice =
            "set `read_only: true` with a mount for each path \(match.phrase) says it writes ("
            + match.profile.writable.map(\.path).joined(separator: ", ") + ")"
        let fix: Fix
        if let readOnly = Self.unmetReadOnlyRoot(match, container: container, workload: workload) {
            var changes = changes
            var setting = ""
            if let condition = readOnly.requires.first(where: { if case .environment(_, _?) = $0 { true } else { false } }),
                case .environment(let name, let value?) = condition
            {
                changes.append(Self.environmentChange(name, value, container: container, workload: workload))
                setting = " and set \(name)=\(value)"
            }
            let need =
                readOnly.requires.isEmpty
                ? "cannot run with a read-only root"
                : "needs \(UnauthenticatedServiceRule.describe(readOnly.requires)) for a read-only root"
            return (
                Fix(
                    title: title + setting + " (\(match.phrase))", kind: .decision, changes: changes,
                    reason: "\(match.phrase): \(readOnly.reason)"),
                "\(match.phrase) says the image \(need); decide whether to set `read_only: true`"
            )
        }
        if let unknown = match.profile.role?.applicationUnknown {
            fix = Fix(
                title: title + " (\(match.phrase))", kind: .decision, changes: changes,
                reason: "\(match.phrase) \(unknown): the paths your application writes are not the image's to say")
        } else {
            fix = Fix(
                title: title + " (\(match.phrase))", kind: .known, changes: changes,
                reason: "\(match.phrase) lists the paths the image writes")
        }
        return (
            fix,
            match.profile.writable.isEmpty
                ? "set `read_only: true`; \(match.phrase) lists no path the image writes" : advice
        )
    }
}
