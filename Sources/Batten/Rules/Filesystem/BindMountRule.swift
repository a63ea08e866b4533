import BattenYAML

/// A path of the host mounted into a container.
///
/// Compose: every bind mount, judged by its purpose (``MountPurpose``): a source-code mount whose
/// code the Dockerfile also copies into the image is high and the fix removes it (`known`); source
/// code no image holds is high without a fix; a data mount is low and stays; configuration and
/// certificates are medium and the fix makes them read-only (`known`); any other writable bind is
/// medium and read-only is a `decision`. A read-only bind is low and has no fix. Kubernetes: every hostPath pod volume, mounted or not (Pod Security Standards
/// baseline), reported at its `path`; high when a container mounts it writable.
///
/// A host path the image's profile declares (`host-access`) is low with the profile's reason, or keeps
/// its finding with a `known` read-only fix when it is writable but needed read-only (``DeclaredHostAccess``).
///
/// Each host path is reported by one rule: runtime sockets by `runtime-socket`, sensitive paths
/// (the default list of `sensitive-host-path`) by `sensitive-host-path`, every other one here.
///
/// The fixes replace the `volumes` item as described in ``SequenceItemReplacement``; removing a
/// source-code mount is a single `.removeItem` change. A named volume whose definition binds a host
/// path (``NamedVolumeBind``) is judged as that bind; its mount is never removed by a fix.
public struct BindMountRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "bind-mount",
        title: "Host path mounted",
        rationale: """
            A bind mount or hostPath volume ties the container to one host and lets it see, and when writable \
            change, files outside its own filesystem. A writable mount lets a compromised container plant files \
            that the host or other containers later trust. A source-code mount replaces the code in the image \
            with whatever is in a directory on the host: what runs is no longer what was built, reviewed and scanned.
            """,
        remediation: """
            In production, run the code in the image and drop source-code mounts; use named volumes or \
            (Kubernetes) persistent volume claims for data; mount what must come from the host read-only.
            """,
        severity: .medium,
        family: .filesystem,
        references: [.pss(.baseline, "HostPath Volumes"), .url("https://docs.docker.com/engine/storage/bind-mounts/")],
        formats: [.compose, .kubernetes],
        fixKinds: [.known, .decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  api:
                    build: .
                    volumes:
                      - ↓.:/app
                    command: npm run dev
                """,
                corrected: """
                    services:
                      api:
                        build: .
                        volumes: []
                        command: npm run dev
                    """, files: ["Dockerfile": "FROM node:20\nWORKDIR /app\nCOPY . .\nUSER node\n"],
                note: "the Dockerfile copies the build context to /app: the mount is source code the image already holds (high), and the fix (known) removes it"
            ),
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    volumes:
                      - ↓./nginx.conf:/etc/nginx/nginx.conf
                      - ↓./site:/usr/share/nginx/html
                """,
                note: """
                    configuration and static content are read, not written: the fix (known) mounts them read-only \
                    (`./nginx.conf:/etc/nginx/nginx.conf:ro`), which leaves a low finding
                    """),
            .triggering(
                .compose,
                """
                services:
                  db:
                    image: postgres:17.2
                    volumes:
                      - ↓./pgdata:/var/lib/postgresql/data
                """,
                note: """
                    the postgres image profile says the image writes its data there: the bind stays writable (low), \
                    with the advice to use a named volume; no fix drops or freezes data
                    """),
            .triggering(
                .compose,
                """
                services:
                  worker:
                    image: example/worker:3.2
                    volumes:
                      - ↓/srv/uploads:/app/uploads
                      - ↓/srv/certs:/certs:ro
                      - ↓type: bind
                        source: /srv/queue
                        target: /queue
                """,
                note: """
                    uploads are data (low, kept); a read-only bind is low; Batten cannot tell what /queue is for, so \
                    read-only is a decision, applied only with `--include decisions`
                    """),
            .triggering(
                .compose,
                """
                services:
                  worker:
                    image: example/worker:3.2
                    volumes:
                      - ↓reports:/reports
                      - ↓queue:/queue
                volumes:
                  reports:
                    driver: local
                    driver_opts:
                      type: none
                      o: bind,ro
                      device: /srv/reports
                  queue:
                    driver: local
                    driver_opts:
                      type: none
                      o: bind
                      device: ./queue
                """,
                note: """
                    a named volume whose driver_opts bind a host path is that host path: `bind,ro` is a read-only bind \
                    (low); Batten cannot tell what the project's ./queue is for, so read-only is a decision
                    """),
            .passing(
                .compose,
                """
                services:
                  agent:
                    image: example/agent:1.4
                    volumes:
                      - /etc:/host/etc:ro
                      - /var/run/docker.sock:/var/run/docker.sock
                """, note: "sensitive host paths and runtime sockets are reported by their own rules"),
            .passing(
                .compose,
                """
                services:
                  db:
                    image: postgres:17.2
                    volumes:
                      - pgdata:/var/lib/postgresql/data
                    tmpfs:
                      - /tmp
                volumes:
                  pgdata: {}
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: cache
                spec:
                  containers:
                  - name: cache
                    image: example/cache:3.1
                    volumeMounts:
                    - name: scratch
                      mountPath: /scratch
                  volumes:
                  - name: scratch
                    hostPath:
                      ↓path: /mnt/fast-ssd/cache
                  - name: unused
                    hostPath:
                      ↓path: /srv/unused
                  - name: host-etc
                    hostPath:
                      path: /etc
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: cache
                spec:
                  containers:
                  - name: cache
                    image: example/cache:3.1
                    volumeMounts:
                    - name: scratch
                      mountPath: /scratch
                  volumes:
                  - name: scratch
                    persistentVolumeClaim:
                      claimName: cache-scratch
                """),
            .triggering(
                .compose,
                """
                services:
                  promtail:
                    image: grafana/promtail:3.2.0
                    volumes:
                      - ↓/var/log:/var/log
                      - ↓/var/log/nginx:/logs/nginx:ro
                """,
                note: """
                    the promtail image profile declares /var/log read-only (`host-access`): a read-only mount of it is low \
                    with the profile's reason; a writable one keeps its finding, and the fix (known) mounts it read-only
                    """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        HostPathUse.all(in: workload).compactMap { use -> Finding? in
            guard use.classification(sensitivePaths: SensitiveHostPathRule.defaultPaths) == .plain else { return nil }
            if let declared = DeclaredHostAccess.covering(use, in: workload, context: context) {
                return declared.finding(
                    use, subject: "the host path \(use.written)", in: workload, context: context,
                    setting: workload.format == .compose ? "volumes[\(use.targets.first ?? "")]" : "volumes.\(use.volumeName ?? use.written).hostPath",
                    at: workload.format == .compose ? use.node : use.pathNode,
                    level: workload.format == .kubernetes ? .high : nil)
            }
            switch workload.format {
            case .compose: return composeFinding(use, workload: workload, context: context)
            case .kubernetes: return kubernetesFinding(use, workload: workload, context: context)
            }
        }
    }

    private func composeFinding(_ use: HostPathUse, workload: Workload, context: RuleContext) -> Finding {
        let who = FindingTarget(workload, container: use.container).displayName
        let target = use.targets.first ?? ""
        let setting = "volumes[\(target)]"
        if use.readOnly {
            return context.finding(
                "\(who) mounts the host path \(use.writtenAndVolume) read-only into \(target); prefer a named volume or baking the files into the image",
                at: use.node, in: workload, container: use.container, setting: setting, severity: .low)
        }
        let purpose = MountPurpose.of(use, in: workload, profile: context.imageProfile(for: workload))
        switch purpose.kind {
        case .sourceCode:
            // The mount of a named volume is left to a person: the volume definition stays behind.
            let fix =
                use.namedVolumeBind != nil
                ? nil
                : Fix(
                    title: "Remove the source-code mount \(use.written):\(target); run the code in the image", kind: .known,
                    changes: [
                        Change(
                            scope: .service, path: ["volumes"], operation: .removeItem(SequenceItemReplacement.writtenValue(use.node)), target: workload.node,
                            existing: use.node.parent ?? use.node)
                    ],
                    reason: purpose.reason)
            return context.finding(
                "\(who) mounts \(use.writtenAndVolume) from the project writable into \(target), a source-code mount: \(purpose.reason); "
                    + "production must run the code in the image: remove the mount",
                at: use.node, in: workload, container: use.container, setting: setting, severity: .high, fix: fix)
        case .sourceOnly:
            return context.finding(
                "\(who) mounts \(use.writtenAndVolume) from the project writable into \(target), a source-code mount: \(purpose.reason); "
                    + "build an image that copies the code and drop the mount in production",
                at: use.node, in: workload, container: use.container, setting: setting, severity: .high)
        case .data:
            return context.finding(
                "\(who) keeps data in the host path \(use.writtenAndVolume) at \(target) (\(purpose.reason)); keep it writable, "
                    + (use.namedVolumeBind == nil
                        ? "and prefer a named volume, which Docker manages and backs up with the project"
                        : "and prefer a volume Docker manages, without a host `device`"),
                at: use.node, in: workload, container: use.container, setting: setting, severity: .low)
        case .configuration, .certificates:
            let noun = purpose.kind == .configuration ? "configuration" : "certificates"
            return context.finding(
                "\(who) mounts the \(noun) \(use.writtenAndVolume) writable into \(target) (\(purpose.reason)); mount it read-only",
                at: use.node, in: workload, container: use.container, setting: setting, severity: .medium,
                fix: readOnlyFix("Mount the \(noun) \(use.written) read-only", kind: .known, use, workload: workload, reason: purpose.reason))
        case .unknown:
            return context.finding(
                "\(who) mounts the host path \(use.writtenAndVolume) writable into \(target); \(purpose.reason): mount it read-only if it only reads it, "
                    + "or use a named volume",
                at: use.node, in: workload, container: use.container, setting: setting, severity: .medium,
                fix: readOnlyFix("Mount \(use.written) read-only", kind: .decision, use, workload: workload, reason: purpose.reason))
        }
    }

    /// The fix that makes the bind `use` read-only, when its `volumes` item has a shape Batten can edit.
    private func readOnlyFix(_ title: String, kind: FixKind, _ use: HostPathUse, workload: Workload, reason: String) -> Fix? {
        Self.readOnlyItem(SequenceItemReplacement.writtenValue(use.node)).map { replacement in
            Fix(
                title: title, kind: kind,
                changes: SequenceItemReplacement.changes(key: "volumes", item: use.node, replacement: replacement, service: workload.node),
                reason: reason)
        }
    }

    private func kubernetesFinding(_ use: HostPathUse, workload: Workload, context: RuleContext) -> Finding {
        let who = FindingTarget(workload).displayName
        let name = use.volumeName ?? use.written
        let message: String
        let level: Severity
        if use.targets.isEmpty {
            message = "\(who) defines \(use.label), which Pod Security Standards baseline forbids even unmounted; remove it"
            level = .medium
        } else if use.readOnly {
            message = "\(who) mounts \(use.label) read-only; use a ConfigMap, Secret or persistent volume claim instead"
            level = .medium
        } else {
            message = "\(who) mounts \(use.label) writable; use a persistent volume claim or emptyDir instead"
            level = .high
        }
        return context.finding(
            message, at: use.pathNode, in: workload, setting: "volumes.\(name).hostPath", severity: level)
    }

    /// True for a Compose source relative to the project directory (`.`, `./src`, `../shared`).
    static func isRelative(_ source: String) -> Bool {
        source == "." || source == ".." || source.hasPrefix("./") || source.hasPrefix("../")
    }

    /// The Compose `volumes` item made read-only: `:ro` in the short syntax (replacing `rw`),
    /// `read_only: true` in the long syntax. Nil for an item of another shape.
    static func readOnlyItem(_ item: YAMLValue) -> YAMLValue? {
        if item.entries != nil {
            return SequenceItemReplacement.setting("read_only", to: .bool(true), in: item)
        }
        guard let text = item.scalarText else { return nil }
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 3, let last = parts.last, isOptionList(last) {
            var options = last.split(separator: ",").map(String.init).filter { $0 != "rw" && $0 != "ro" }
            options.insert("ro", at: 0)
            parts[parts.count - 1] = options.joined(separator: ",")
            return YAMLValue(.scalar(parts.joined(separator: ":"), .string), tag: item.tag)
        }
        return YAMLValue(.scalar(text + ":ro", .string), tag: item.tag)
    }

    private static let shortSyntaxOptions: Set<String> = [
        "ro", "rw", "z", "Z", "shared", "rshared", "slave", "rslave", "private", "rprivate", "nocopy", "copy",
        "consistent", "cached", "delegated",
    ]

    private static func isOptionList(_ text: String) -> Bool {
        !text.isEmpty && text.split(separator: ",").allSatisfy { shortSyntaxOptions.contains(String($0)) }
    }
}
