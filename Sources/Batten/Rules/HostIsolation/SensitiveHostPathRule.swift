/// A host system directory mounted into a container. Runtime sockets and the directories that hold
/// them are left to `runtime-socket`, so that each host path is reported by one rule. A path the
/// image's profile declares (`host-access`) is reported as ``DeclaredHostAccess`` says.
public struct SensitiveHostPathRule: Rule {
    public init() {}

    /// The default sensitive paths. The CIS list (`/`, `/boot`, `/dev`, `/etc`, `/lib`, `/proc`,
    /// `/sys`, `/usr`) plus what else hands over the host: the other system binary and library
    /// directories, home directories (SSH keys, shell start-up files, cloud credentials), the runtime
    /// directories that hold sockets (`/run`, `/var/run`), container and cluster state
    /// (`/var/lib/docker`, `/var/lib/containerd`, `/var/lib/containers`, `/var/lib/kubelet`,
    /// `/var/lib/etcd`) and cron spools. `/var` as a whole is not listed, so that `/var/www`,
    /// `/var/backups` or `/var/data/app` are plain bind mounts; mounting `/var` or `/var/lib` itself
    /// is still reported because they contain listed paths. `/var/log` is left to `bind-mount` (log
    /// collectors read it; a writable mount is reported there at high severity).
    static let defaultPaths = [
        "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/proc", "/root", "/run", "/sbin",
        "/sys", "/usr", "/var/lib/containerd", "/var/lib/containers", "/var/lib/docker", "/var/lib/etcd",
        "/var/lib/kubelet", "/var/run", "/var/spool/cron",
    ]

    static let paths = RuleParameter<[String]>(
        name: "paths", default: defaultPaths,
        summary: "Host paths that must not be mounted; a source matches when it is one of them, lies below one, or contains one (`/` matches only itself).")

    public static let description = RuleDescription(
        id: "sensitive-host-path",
        title: "Sensitive host path mounted",
        rationale: """
            A container that mounts a host system directory can read the host's secrets (`/etc/shadow`, SSH keys, \
            kubelet credentials) and, when the mount is writable, change the host itself: add a cron job, a systemd \
            unit or an SSH key, replace a binary, or reach the container runtime's state. Even read-only, `/proc`, \
            `/sys` and `/dev` expose kernel interfaces and devices.
            """,
        remediation: """
            Do not mount host system directories. Copy the files the container needs into the image, use a \
            ConfigMap, Secret or named volume, or mount only the single file needed, read-only.
            """,
        severity: .critical,
        family: .hostIsolation,
        references: [.cisDocker("5.6"), .pss(.baseline, "HostPath Volumes")],
        formats: [.compose, .kubernetes],
        parameters: [paths],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  agent:
                    image: example/agent:1.4
                    volumes:
                      - ↓/etc:/host/etc:ro
                      - ↓/var:/host/var
                """),
            .triggering(
                .compose,
                """
                services:
                  backup:
                    image: example/backup:2.0
                    volumes:
                      - ↓type: bind
                        source: ../../root/.ssh
                        target: /keys
                """, note: "a relative source that leaves the project directory is resolved first"),
            .triggering(
                .compose,
                """
                services:
                  agent:
                    image: example/agent:1.4
                    volumes:
                      - ↓host-etc:/host/etc
                      - ↓keys:/keys:ro
                volumes:
                  host-etc:
                    driver_opts:
                      type: none
                      o: bind,ro
                      device: /etc
                  keys:
                    driver: local
                    driver_opts:
                      type: none
                      o: rbind
                      device: ${KEYS_DIR:-/root/.ssh}
                """, note: "the host path behind a named volume is judged as a bind of it, after interpolation"),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    volumes:
                      - ./site:/usr/share/nginx/html:ro
                      - /srv/uploads:/uploads
                      - /etcd-backup:/backup:ro
                """, note: "`/etcd-backup` is not under `/etc`; files of the project itself are not host system paths"),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: node-agent
                spec:
                  containers:
                  - name: agent
                    image: example/agent:1.4
                    volumeMounts:
                    - name: host-etc
                      mountPath: /host/etc
                      readOnly: true
                  volumes:
                  - name: host-etc
                    hostPath:
                      ↓path: /etc
                  - name: kubelet
                    hostPath:
                      ↓path: /var/lib/kubelet/pods
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
                    hostPath:
                      path: /mnt/fast-ssd/cache
                      type: DirectoryOrCreate
                """),
            .triggering(
                .compose,
                """
                services:
                  node-exporter:
                    image: quay.io/prometheus/node-exporter:v1.8.2
                    command: [--path.rootfs=/host]
                    volumes:
                      - ↓/:/host:ro,rslave
                      - ↓/sys:/host/sys
                """,
                note: """
                    the node-exporter image profile declares `/` and `/sys` read-only (`host-access`): the read-only `/` is \
                    reported at low severity with the profile's reason and no fix; the writable `/sys` keeps its severity, \
                    and the fix (known) mounts it read-only
                    """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        let paths = context.value(of: Self.paths)
        var findings: [Finding] = []
        for use in HostPathUse.all(in: workload) {
            guard case .sensitive(let match) = use.classification(sensitivePaths: paths) else { continue }
            if let declared = DeclaredHostAccess.covering(use, in: workload, context: context) {
                findings.append(
                    declared.finding(
                        use, subject: "the host path \(match)", in: workload, context: context,
                        setting: use.volumeName.map { "volumes.\($0).hostPath" } ?? "volumes[\(use.written)]", at: use.pathNode))
                continue
            }
            let access = use.targets.isEmpty ? "not mounted" : use.readOnly ? "read-only" : "writable"
            let who = FindingTarget(workload, container: use.container).displayName
            let message =
                "\(who) mounts the host path \(match) (\(use.label), \(access)); "
                + "do not mount host system directories: copy what the container needs into the image or use a volume"
            findings.append(
                context.finding(
                    message, at: use.pathNode, in: workload, container: use.container,
                    setting: use.volumeName.map { "volumes.\($0).hostPath" } ?? "volumes[\(use.written)]"))
        }
        return findings
    }
}
