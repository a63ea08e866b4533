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
            give the application a tmpfs or emptyDir for the directories it must write, such as /tmp.
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
        fixSafety: .review,
        examples: [
            .triggering(.compose, """
                services:
                  ↓web:
                    image: nginx:1.27
                  worker:
                    image: example/worker:3.2
                    ↓read_only: false
                """, corrected: """
                services:
                  web:
                    image: nginx:1.27
                    read_only: true
                    tmpfs:
                      - /tmp
                  worker:
                    image: example/worker:3.2
                    read_only: true
                    tmpfs:
                      - /tmp
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
                findings.append(context.finding(
                    "\(who) has a writable root filesystem; set `read_only: true` and mount tmpfs where it must write",
                    at: node, in: workload, container: container, setting: "read_only",
                    fix: composeFix(container, workload: workload, context: context)))
            case .kubernetes:
                let fix = Fix(
                    title: "Set securityContext.readOnlyRootFilesystem: true", safety: .review,
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

    private func composeFix(_ container: Container, workload: Workload, context: RuleContext) -> Fix {
        var changes = [
            Change(
                scope: .service, path: ["read_only"], operation: .set(.bool(true)), target: workload.node,
                existing: container.readOnlyRootFilesystem?.node),
        ]
        let mounted = Set(
            container.tmpfs.compactMap { $0.value.split(separator: ":").first.map(String.init) }.compactMap(HostPath.normalized)
                + container.mounts.compactMap { HostPath.normalized($0.target) })
        var added: [String] = []
        for path in context.strings("tmpfs") {
            guard let normalized = HostPath.normalized(path), !mounted.contains(normalized), !added.contains(normalized) else { continue }
            added.append(normalized)
            changes.append(Change(scope: .service, path: ["tmpfs"], operation: .append(.string(path)), target: workload.node))
        }
        let title = added.isEmpty ? "Set read_only: true" : "Set read_only: true and mount tmpfs at " + added.joined(separator: ", ")
        return Fix(title: title, safety: .review, changes: changes)
    }
}
