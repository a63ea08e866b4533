/// A long-running Kubernetes container without liveness or readiness probes.
public struct MissingProbesRule: Rule {
    public init() {}

    static let probeKinds: [Probe.Kind] = [.liveness, .readiness, .startup]

    static let required = RuleParameter<[String]>(
        name: "required", default: ["liveness", "readiness"],
        summary: "The probes every long-running container needs: liveness, readiness, startup.")

    public static let description = RuleDescription(
        id: "missing-probes",
        title: "Missing liveness or readiness probe",
        rationale: """
            Without a liveness probe the kubelet never restarts a container that hangs; without a readiness \
            probe Services send traffic to a container that has not started or has stopped working. Either \
            way a failure, or an attacker who wedged the process, goes unnoticed. Only containers that keep \
            running are checked: the containers of Deployments, StatefulSets, DaemonSets, ReplicaSets and \
            restarting Pods, and sidecars (init containers with `restartPolicy: Always`). Jobs, CronJobs, \
            run-to-completion Pods, init and ephemeral containers are skipped.
            """,
        remediation: "Add the missing `livenessProbe` / `readinessProbe` (httpGet, tcpSocket, grpc or exec) to the container.",
        severity: .medium,
        family: .health,
        references: [.url("https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/")],
        formats: [.kubernetes],
        parameters: [required],
        examples: [
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
                      containers:
                      - ↓↓name: web
                        image: nginx:1.27
                      - ↓name: api
                        image: example/api:3.1
                        livenessProbe:
                          httpGet:
                            path: /healthz
                            port: 8080
                """, note: "One finding per missing probe; the init container is not checked."),
            .passing(
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
                      containers:
                      - name: web
                        image: nginx:1.27
                        livenessProbe:
                          tcpSocket:
                            port: 80
                        readinessProbe:
                          httpGet:
                            path: /
                            port: 80
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: report
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers:
                          - name: report
                            image: example/report:1.2
                """, note: "Jobs run to completion: probes are not required."),
        ])

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard workload.kubernetes?.isLongRunning ?? false else { return [] }
        let required = Set(context.value(of: Self.required).map { $0.lowercased() })
        let kinds = Self.probeKinds.filter { required.contains($0.rawValue.lowercased()) }
        var findings: [Finding] = []
        for container in workload.containers where container.role.isLongRunning {
            let name = FindingTarget(workload, container: container).displayName
            for kind in kinds where Self.probe(kind, of: container) == nil {
                findings.append(
                    context.finding(
                        "\(name) has no \(kind.rawValue) probe: \(Self.consequence(of: kind)); add \(kind.rawValue)Probe",
                        at: container.location, in: workload, container: container, setting: "\(kind.rawValue)Probe"))
            }
        }
        return findings
    }

    static func probe(_ kind: Probe.Kind, of container: Container) -> Probe? {
        switch kind {
        case .liveness: return container.livenessProbe
        case .readiness: return container.readinessProbe
        case .startup: return container.startupProbe
        case .postStart, .preStop: return nil
        }
    }

    static func consequence(of kind: Probe.Kind) -> String {
        switch kind {
        case .liveness: return "the kubelet never restarts it when it hangs"
        case .readiness: return "Services send it traffic before it is ready and while it is failing"
        default: return "a slow start is not told apart from a hang"
        }
    }
}
