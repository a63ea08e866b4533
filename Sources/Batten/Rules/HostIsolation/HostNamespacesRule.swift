/// A workload that shares a namespace with the host. A PID or network namespace the image's profile
/// declares (`host-access`) is reported at low severity with the profile's reason.
public struct HostNamespacesRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "host-namespaces",
        title: "Host namespace shared",
        rationale: """
            Sharing the host's namespaces removes the container's isolation for that resource. With the host's PID \
            namespace a container sees every process on the node, can read their environment and memory through \
            /proc and signal them; with the host network it reaches services bound to localhost and can sniff or \
            spoof traffic; with the host IPC namespace it reads shared memory of other processes; with the host UTS \
            namespace it can rename the host; with the host user namespace, root in the container is root on the host.
            """,
        remediation: """
            Remove `network_mode: host`, `pid: host`, `ipc: host`, `uts: host` and `userns_mode: host` (Compose) or \
            `hostNetwork`, `hostPID` and `hostIPC` (Kubernetes). Publish ports instead of using the host network.
            """,
        severity: .high,
        family: .hostIsolation,
        references: [
            .cisDocker("5.10"), .cisDocker("5.16"), .cisDocker("5.17"), .cisDocker("5.21"), .cisDocker("5.31"),
            .pss(.baseline, "Host Namespaces"),
        ],
        formats: [.compose, .kubernetes],
        fixKinds: [.decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  monitor:
                    image: example/node-monitor:2.0
                    ↓network_mode: host
                    ↓pid: host
                    ↓ipc: host
                    ↓uts: host
                    ↓userns_mode: host
                """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                  sidecar:
                    image: example/sidecar:1.0
                    network_mode: "service:web"
                    pid: "service:web"
                    ipc: shareable
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: node-exporter
                spec:
                  ↓hostNetwork: true
                  ↓hostPID: true
                  ↓hostIPC: true
                  containers:
                  - name: exporter
                    image: example/node-exporter:1.8
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                spec:
                  template:
                    spec:
                      ↓hostNetwork: true  # reached on the node's address
                      ↓hostIPC: yes
                      containers:
                      - name: api
                        image: example/api:2.0
                """,
                corrected: """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: api
                    spec:
                      template:
                        spec:
                          hostNetwork: false  # reached on the node's address
                          hostIPC: false
                          containers:
                          - name: api
                            image: example/api:2.0
                    """, note: "Each setting is set to false as a decision: Batten cannot know whether the pod needs the host's namespace."),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  hostNetwork: false
                  hostPID: false
                  hostUsers: false
                  containers:
                  - name: web
                    image: nginx:1.27
                """),
            .triggering(
                .compose,
                """
                services:
                  node-exporter:
                    image: prom/node-exporter:v1.8.2
                    ↓network_mode: host
                    ↓pid: host
                    ↓ipc: host
                """,
                note: """
                    the node-exporter image profile declares the host's PID and network namespaces: they are reported at \
                    low severity with its reasons; the IPC namespace, which it does not declare, keeps its severity
                    """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        let compose = workload.format == .compose
        var shared: [(setting: Sourced<Bool>?, key: String, namespace: String, level: Severity)] = [
            (workload.hostNetwork, compose ? "network_mode" : "hostNetwork", "network", .high),
            (workload.hostPID, compose ? "pid" : "hostPID", "process (PID)", .critical),
            (workload.hostIPC, compose ? "ipc" : "hostIPC", "IPC", .high),
        ]
        if compose {
            shared.append((workload.hostUTS, "uts", "UTS", .high))
            shared.append((workload.hostUsers, "userns_mode", "user", .high))
        }
        let who = FindingTarget(workload).displayName
        return shared.compactMap { entry in
            guard let setting = entry.setting, setting.value else { return nil }
            let written = compose ? "`\(entry.key): host`" : "`\(entry.key): true`"
            if let declared = DeclaredHostAccess.covering(namespace: entry.key, in: workload, context: context) {
                return context.finding(
                    "\(who) shares the host's \(entry.namespace) namespace (\(written)); \(declared.explanation)",
                    at: setting.node, in: workload, container: compose ? workload.containers.first : nil,
                    setting: entry.key, severity: DeclaredHostAccess.severity)
            }
            return context.finding(
                "\(who) shares the host's \(entry.namespace) namespace (\(written)); remove it",
                at: setting.node, in: workload, container: compose ? workload.containers.first : nil,
                setting: entry.key, severity: entry.level,
                fix: compose ? nil : Self.kubernetesFix(entry.key, namespace: entry.namespace, setting: setting, in: workload))
        }
    }

    /// Sets a Kubernetes host-namespace field to false: a decision, since node agents, network plugins
    /// and exporters need the host's namespace and nothing in the manifest says whether this pod is one.
    static func kubernetesFix(_ key: String, namespace: String, setting: Sourced<Bool>, in workload: Workload) -> Fix {
        let change = Change(scope: .pod, path: [key], operation: .set(.bool(false)), target: workload.node, existing: setting.node)
        var reason = "Batten cannot know whether the pod needs the host's \(namespace) namespace, as node agents and exporters do"
        if key == "hostNetwork" {
            reason += "; without it the pod is reached on its own address and ports, through a Service, not on the node's"
        }
        return Fix(title: "Set \(key): false", kind: .decision, changes: [change], reason: reason)
    }
}
