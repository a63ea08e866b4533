/// A Kubernetes container without CPU or memory requests is scheduled blind and evicted first.
public struct ResourceRequestsRule: ContainerRule {
    public init() {}

    static let cpu = RuleParameter<String>(
        name: "cpu", default: "100m",
        summary: "The CPU request a fix proposes.")

    static let memory = RuleParameter<String>(
        name: "memory", default: "128Mi",
        summary: "The memory request a fix proposes.")

    public static let description = RuleDescription(
        id: "resource-requests",
        title: "No resource requests",
        rationale: """
            The scheduler places a pod by its containers' requests. Without them, a node is filled past what \
            it can run, the pod gets the BestEffort or Burstable quality of service, and under memory \
            pressure it is evicted before pods that stated their needs — an easy lever for a noisy or \
            hostile neighbour. A container that sets a limit but no request gets a request equal to the \
            limit, so only a resource with neither is reported. Ephemeral containers cannot have resources.
            """,
        remediation: "Set `resources.requests.cpu` and `resources.requests.memory` on every container, from measured use.",
        severity: .low,
        family: .resources,
        references: [.url("https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/")],
        formats: [.kubernetes],
        parameters: [cpu, memory],
        fixKinds: [.decision],
        examples: [
            .triggering(
                .kubernetes,
                """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: db
                spec:
                  serviceName: db
                  selector:
                    matchLabels:
                      app: db
                  template:
                    metadata:
                      labels:
                        app: db
                    spec:
                      containers:
                      - ↓name: db
                        image: postgres:16.4
                      - ↓name: exporter
                        image: example/exporter:0.15
                        resources:
                          requests:
                            memory: 64Mi
                """,
                corrected: """
                    apiVersion: apps/v1
                    kind: StatefulSet
                    metadata:
                      name: db
                    spec:
                      serviceName: db
                      selector:
                        matchLabels:
                          app: db
                      template:
                        metadata:
                          labels:
                            app: db
                        spec:
                          containers:
                          - name: db
                            image: postgres:16.4
                            resources:
                              requests:
                                cpu: 100m
                                memory: 128Mi
                          - name: exporter
                            image: example/exporter:0.15
                            resources:
                              requests:
                                memory: 64Mi
                                cpu: 100m
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
                    resources:
                      requests:
                        cpu: 250m
                        memory: 128Mi
                  - name: proxy
                    image: envoyproxy/envoy:v1.31.0
                    resources:
                      limits:
                        cpu: 500m
                        memory: 256Mi
                """, note: "A limit without a request makes the request equal to the limit."),
        ])

    public func checkContainer(_ container: Container, in workload: Workload, context: RuleContext) -> [Finding] {
        guard container.role != .ephemeral else { return [] }
        let cpu = context.value(of: Self.cpu)
        let memory = context.value(of: Self.memory)
        var missing: [(key: String, value: String)] = []
        if container.requests.cpu == nil && container.limits.cpu == nil { missing.append(("cpu", cpu)) }
        if container.requests.memory == nil && container.limits.memory == nil { missing.append(("memory", memory)) }
        guard !missing.isEmpty else { return [] }
        let changes = missing.map {
            Change(
                scope: .container(container.name), path: ["resources", "requests", $0.key],
                operation: .set(.string($0.value)), target: container.node)
        }
        let keys = missing.map { "resources.requests.\($0.key)" }.joined(separator: " and ")
        let name = FindingTarget(workload, container: container).displayName
        return [
            context.finding(
                "\(name) has no \(missing.map(\.key).joined(separator: " or ")) request: the scheduler cannot "
                    + "place it by its needs and it is evicted first; set \(keys)",
                at: container.location, in: workload, container: container, setting: "resources.requests",
                fix: Fix(
                    title: "Set \(missing.map { "\($0.key) request \($0.value)" }.joined(separator: " and "))",
                    kind: .decision, changes: changes,
                    reason: "Batten cannot know what the container needs; a request the nodes cannot meet leaves the pod unscheduled"))
        ]
    }
}
