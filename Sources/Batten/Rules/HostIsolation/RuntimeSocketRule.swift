/// The container runtime's API socket mounted into a container. A mount the image's profile declares
/// (`host-access`) keeps its severity; the message gives the profile's reason.
public struct RuntimeSocketRule: Rule {
    public init() {}

    /// File names of container runtime API sockets.
    static let socketNames: Set<String> = [
        "docker.sock", "containerd.sock", "crio.sock", "podman.sock", "cri-dockerd.sock", "dockershim.sock",
    ]

    /// Where runtimes put their sockets: mounting the directory that holds one (up to `/run` or
    /// `/var/run`) exposes the socket as well.
    static let socketPaths = [
        "/run/docker.sock", "/var/run/docker.sock", "/run/containerd/containerd.sock",
        "/var/run/containerd/containerd.sock", "/run/crio/crio.sock", "/var/run/crio/crio.sock",
        "/run/podman/podman.sock", "/var/run/podman/podman.sock", "/run/cri-dockerd.sock", "/var/run/cri-dockerd.sock",
        "/run/k3s/containerd/containerd.sock", "/var/run/dockershim.sock",
    ]

    public static let description = RuleDescription(
        id: "runtime-socket",
        title: "Container runtime socket mounted",
        rationale: """
            Whoever can talk to the Docker, containerd, CRI-O or Podman API socket can start a privileged container \
            that mounts the host's root filesystem: a process with the socket is root on the host. A read-only mount \
            does not help, because connecting to a socket is not a write.
            """,
        remediation: """
            Remove the socket mount. If the container must manage containers, put a filtering socket proxy in \
            between that allows only the API calls it needs, or use a dedicated build service.
            """,
        severity: .critical,
        family: .hostIsolation,
        references: [.cisDocker("5.32"), .pss(.baseline, "HostPath Volumes")],
        formats: [.compose, .kubernetes],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  ci-runner:
                    image: example/runner:16.1
                    volumes:
                      - ↓/var/run/docker.sock:/var/run/docker.sock:ro
                  dashboard:
                    image: example/dashboard:1.0
                    volumes:
                      - ↓type: bind
                        source: /run/containerd
                        target: /run/containerd
                """),
            .triggering(
                .compose,
                """
                services:
                  builder:
                    image: docker:27-cli
                    ↓use_api_socket: true
                """),
            .triggering(
                .compose,
                """
                services:
                  ci-runner:
                    image: example/runner:16.1
                    volumes:
                      - ↓dockersock:/var/run/docker.sock
                  watcher:
                    image: example/watcher:1.0
                    volumes:
                      - ↓type: volume
                        source: runtime
                        target: /host/run
                volumes:
                  dockersock:
                    driver: local
                    driver_opts:
                      type: none
                      o: bind
                      device: /var/run/docker.sock
                  runtime:
                    driver: local-persist
                    driver_opts:
                      mountpoint: /run/containerd
                """, note: "a named volume whose driver_opts bind a host path mounts that path, as a bind mount does"),
            .passing(
                .compose,
                """
                services:
                  ci-runner:
                    image: example/runner:16.1
                    volumes:
                      - cache:/var/cache/runner
                      - shared:/shared
                      - external:/external
                volumes:
                  cache: {}
                  shared:
                    driver_opts:
                      type: nfs
                      o: addr=10.0.0.5,rw
                      device: ":/exports/shared"
                  external:
                    external: true
                """, note: "named volumes that Docker manages or that live on an NFS server are not host paths"),
            .passing(
                .compose,
                """
                services:
                  app:
                    image: example/app:2.3
                    volumes:
                      - ./sockets/app.sock:/run/app/app.sock
                      - /run/postgresql:/run/postgresql
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: log-agent
                spec:
                  selector:
                    matchLabels:
                      app: log-agent
                  template:
                    metadata:
                      labels:
                        app: log-agent
                    spec:
                      containers:
                      - name: agent
                        image: example/log-agent:5.2
                        volumeMounts:
                        - name: runtime
                          mountPath: /run/containerd/containerd.sock
                      volumes:
                      - name: runtime
                        hostPath:
                          ↓path: /run/containerd/containerd.sock
                          type: Socket
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: app
                spec:
                  containers:
                  - name: app
                    image: example/app:2.3
                    volumeMounts:
                    - name: tmp
                      mountPath: /tmp
                  volumes:
                  - name: tmp
                    emptyDir: {}
                """),
            .triggering(
                .compose,
                """
                services:
                  cadvisor:
                    image: gcr.io/cadvisor/cadvisor:v0.49.1
                    volumes:
                      - ↓/var/run:/var/run:ro
                      - /sys:/sys:ro
                """,
                note: """
                    the cadvisor image profile declares /var/run, where it reads container names through the Docker socket; \
                    the finding names the profile's reason but keeps its severity: a socket hands over the host, read-only or not
                    """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for use in HostPathUse.all(in: workload) {
            guard case .runtimeSocket(let exposed) = use.classification(sensitivePaths: []) else { continue }
            let who = FindingTarget(workload, container: use.container).displayName
            var message =
                "\(who) mounts \(exposed) (\(use.label)); with the runtime's socket a process controls the host: "
                + "remove the mount, or put a filtering socket proxy in between"
            if let declared = DeclaredHostAccess.covering(use, in: workload, context: context, socket: true) {
                message += DeclaredHostAccess.socketNote(declared)
            }
            findings.append(
                context.finding(
                    message, at: use.pathNode, in: workload, container: use.container,
                    setting: use.volumeName.map { "volumes.\($0).hostPath" } ?? "volumes[\(use.written)]"))
        }
        for container in workload.containers {
            for mount in container.mounts where mount.kind == .npipe {
                let source = (mount.source ?? "").lowercased()
                guard source.hasSuffix("docker_engine") else { continue }
                let who = FindingTarget(workload, container: container).displayName
                findings.append(
                    context.finding(
                        "\(who) mounts the Docker engine named pipe \(mount.source ?? ""); remove the mount",
                        at: mount.node, in: workload, container: container, setting: "volumes[\(mount.source ?? "")]"))
            }
        }
        if let socket = workload.compose?.useAPISocket, socket.value {
            let who = FindingTarget(workload).displayName
            findings.append(
                context.finding(
                    "\(who) sets `use_api_socket: true`, which hands the container the Docker engine's socket and credentials; remove it",
                    at: socket.node, in: workload, container: workload.containers.first, setting: "use_api_socket"))
        }
        return findings
    }

    /// The runtime directories that hold a socket: every directory of ``socketPaths`` from `/run`
    /// or `/var/run` down. Mounting a wider directory (`/var`, `/`) is a sensitive host path instead.
    static let socketDirectories: Set<String> = {
        var directories: Set<String> = []
        for socket in socketPaths {
            var segments = socket.split(separator: "/").map(String.init)
            segments.removeLast()
            while !segments.isEmpty {
                let directory = "/" + segments.joined(separator: "/")
                if directory == "/run" || directory == "/var/run" || directory.hasPrefix("/run/") || directory.hasPrefix("/var/run/") {
                    directories.insert(directory)
                }
                segments.removeLast()
            }
        }
        return directories
    }()

    /// What `use` exposes: the socket it names, or the runtime directory that holds one.
    static func exposedSocket(_ use: HostPathUse) -> String? {
        if socketNames.contains((use.path ?? use.written).lastPathSegment) {
            return "the container runtime socket \(use.path ?? use.written)"
        }
        guard let path = use.path, socketDirectories.contains(path),
            let socket = socketPaths.first(where: { HostPath.isWithin($0, path) })
        else { return nil }
        return "\(path), which holds the container runtime socket \(socket)"
    }
}
