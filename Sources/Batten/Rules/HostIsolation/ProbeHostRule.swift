/// A probe or lifecycle handler that sends the kubelet to another host.
///
/// Pod Security Standards baseline from v1.34 (`check_hostProbesAndhostLifecycle.go`): `httpGet.host`
/// and `tcpSocket.host` of liveness, readiness and startup probes and of postStart and preStop
/// handlers must be unset or empty, for every container (init and ephemeral ones too). Localhost
/// addresses are not exempt. Policies pinned below v1.34 do not check it.
public struct ProbeHostRule: ContainerRule {
    public init() {}

    public static let description = RuleDescription(
        id: "probe-host",
        title: "Host set in a probe or lifecycle handler",
        rationale: """
            The kubelet performs HTTP and TCP probes and lifecycle hooks from the node. With `host` set it \
            connects wherever the manifest says: services on the node's localhost, the cloud metadata endpoint, \
            or other internal hosts. That is a blind server-side request forgery from the node's network position.
            """,
        remediation: """
            Remove `host` so the kubelet probes the pod's own IP, or use an `exec` probe for checks that must \
            reach another address.
            """,
        severity: .high,
        family: .hostIsolation,
        references: [.pss(.baseline, "Host Probes / Lifecycle Hooks")],
        formats: [.kubernetes],
        examples: [
            .triggering(
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
                    livenessProbe:
                      httpGet:
                        ↓host: 169.254.169.254
                        path: /latest/meta-data/
                        port: 80
                    readinessProbe:
                      tcpSocket:
                        ↓host: 127.0.0.1
                        port: 10250
                    lifecycle:
                      preStop:
                        httpGet:
                          ↓host: internal-admin.example
                          path: /drain
                          port: 8080
                """),
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
                    livenessProbe:
                      httpGet:
                        path: /healthz
                        port: 80
                    startupProbe:
                      tcpSocket:
                        host: ""
                        port: 80
                """),
        ])

    public func checkContainer(_ container: Container, in workload: Workload, context: RuleContext) -> [Finding] {
        guard context.pssVersion.enforces(.probeAndLifecycleHost) else { return [] }
        var findings: [Finding] = []
        let handlers =
            [container.livenessProbe, container.readinessProbe, container.startupProbe].compactMap { $0 }
            + container.lifecycleHandlers
        for handler in handlers {
            guard let host = handler.host, !host.value.isEmpty else { continue }
            let who = FindingTarget(workload, container: container).displayName
            let what =
                handler.kind == .postStart || handler.kind == .preStop
                ? "the \(handler.kind.rawValue) hook" : "the \(handler.kind.rawValue) probe"
            findings.append(
                context.finding(
                    "\(who) sends \(what) to host \(host.value); remove `host` so the kubelet targets the pod itself",
                    at: host.node, in: workload, container: container,
                    setting: "\(handler.kind.rawValue).\(handler.handler.rawValue).host"))
        }
        return findings
    }
}
