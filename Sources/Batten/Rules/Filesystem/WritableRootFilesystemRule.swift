import BattenYAML

/// A container whose root filesystem is writable.
public struct WritableRootFilesystemRule: Rule {
    public init() {}

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
            profile says the image writes; otherwise only the `tmpfs` parameter's paths, and it says it is generic.
            """,
        severity: .medium,
        family: .filesystem,
        references: [.cisDocker("5.13")],
        formats: [.compose, .kubernetes],
        parameters: [
            RuleParameter(
                "tmpfs", default: .strings(["/tmp"]),
                "Paths the Compose fix mounts as tmpfs next to `read_only: true`, unless already mounted."),
        ],
        fixKinds: [.known, .decision],
        examples: [
            .triggering(.compose, """
                services:
                  ↓web:
                    image: example/web:1.4
                  worker:
                    image: example/worker:3.2
                    ↓read_only: false
                """, corrected: """
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
            .triggering(.compose, """
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
                """, corrected: """
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
                """, note: """
                    The image profiles list what each image writes: scratch paths become tmpfs, data paths a volume \
                    (one already mounted is kept).
                    """),
            .passing(.compose, """
                services:
                  web:
                    image: nginx:1.27
                    read_only: true
                    tmpfs:
                      - /tmp
                      - /var/cache/nginx
                """),
            .triggering(.kubernetes, """
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
                """, corrected: """
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
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          readOnlyRootFilesystem: true
                """),
            .passing(.kubernetes, """
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
            .passing(.kubernetes, """
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
        if workload.kubernetes?.osName?.value.lowercased() == "windows" { return [] }
        var findings: [Finding] = []
        for container in workload.containers where container.readOnlyRootFilesystem?.value != true {
            let who = FindingTarget(workload, container: container).displayName
            let setting = container.readOnlyRootFilesystem
            let node = setting?.node ?? container.location
            switch workload.format {
            case .compose:
                let fix = composeFix(container, workload: workload, context: context)
                findings.append(context.finding(
                    "\(who) has a writable root filesystem; \(fix.advice)",
                    at: node, in: workload, container: container, setting: "read_only", fix: fix.fix))
            case .kubernetes:
                let fix = Fix(
                    title: "Set securityContext.readOnlyRootFilesystem: true", kind: .decision,
                    changes: [
                        Change(
                            scope: .container(container.name), path: ["securityContext", "readOnlyRootFilesystem"],
                            operation: .set(.bool(true)), target: container.node, existing: setting?.node),
                    ])
                findings.append(context.finding(
                    "\(who) has a writable root filesystem; set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where it must write",
                    at: node, in: workload, container: container, setting: "securityContext.readOnlyRootFilesystem",
                    fix: fix))
            }
        }
        return findings
    }

    /// `read_only: true` with a tmpfs or a volume for every path the image's profile says it writes
    /// and a tmpfs for each path of the `tmpfs` parameter, unless a mount already covers the path.
    private func composeFix(_ container: Container, workload: Workload, context: RuleContext) -> (fix: Fix, advice: String) {
        var changes = [
            Change(
                scope: .service, path: ["read_only"], operation: .set(.bool(true)), target: workload.node,
                existing: container.readOnlyRootFilesystem?.node),
        ]
        var mounted = Set(
            container.tmpfs.compactMap { $0.value.split(separator: ":").first.map(String.init) }.compactMap(HostPath.normalized)
                + container.mounts.compactMap { HostPath.normalized($0.target) })
        func isCovered(_ path: String) -> Bool {
            mounted.contains { path == $0 || path.hasPrefix($0 == "/" ? "/" : $0 + "/") }
        }
        let match = context.imageProfile(for: workload)
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
                changes.append(Change(
                    scope: .service, path: ["volumes"],
                    operation: .append(.mapping([("type", .string("volume")), ("target", .string(path))])), target: workload.node))
            }
        }
        for path in context.strings("tmpfs") {
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
                "set `read_only: true` and mount tmpfs where it must write")
        }
        let advice = "set `read_only: true` with a mount for each path \(match.phrase) says it writes ("
            + match.profile.writable.map(\.path).joined(separator: ", ") + ")"
        let fix: Fix
        if match.profile.role == .runtime {
            fix = Fix(
                title: title + " (\(match.phrase))", kind: .decision, changes: changes,
                reason: "\(match.phrase) is a language runtime: the paths your application writes are not the image's to say")
        } else {
            fix = Fix(
                title: title + " (\(match.phrase))", kind: .known, changes: changes,
                reason: "\(match.phrase) lists the paths the image writes")
        }
        return (
            fix,
            match.profile.writable.isEmpty
                ? "set `read_only: true`; \(match.phrase) lists no path the image writes" : advice)
    }
}
