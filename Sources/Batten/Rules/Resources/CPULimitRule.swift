/// A container without a CPU limit can starve its neighbours of processor time.
public struct CPULimitRule: Rule {
    public init() {}

    static let composeCPUs = RuleParameter<String>(
        name: "compose-cpus", default: "1.0",
        summary: "The CPU limit a Compose fix proposes, in CPUs.")

    static let kubernetesCPU = RuleParameter<String>(
        name: "kubernetes-cpu", default: "1",
        summary: "The CPU limit a Kubernetes fix proposes.")

    public static let description = RuleDescription(
        id: "cpu-limit",
        title: "No CPU limit",
        rationale: """
            Without a CPU limit a container may use every core of its host. A busy loop, a crypto miner or a \
            request flood then slows down every other container and the host's own services. A limit caps \
            the damage to the container itself. Init containers count too; ephemeral debug containers \
            cannot have resources and are skipped. Some teams leave CPU unlimited on Kubernetes on purpose \
            and rely on requests: a policy can turn this rule off.
            """,
        remediation: """
            Compose: set `deploy.resources.limits.cpus` (or `cpus` on a service that uses the legacy keys). \
            Kubernetes: set `resources.limits.cpu` on every container.
            """,
        severity: .low,
        family: .resources,
        references: [
            .cisDocker("5.12"),
            .url("https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"),
        ],
        formats: [.compose, .kubernetes],
        parameters: [composeCPUs, kubernetesCPU],
        fixKinds: [.decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  ↓web:
                    image: nginx:1.27
                    deploy:
                      resources:
                        limits:
                          memory: 256M
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        deploy:
                          resources:
                            limits:
                              memory: 256M
                              cpus: "1.0"
                    """),
            .triggering(
                .compose,
                """
                services:
                  ↓worker:
                    image: example/worker:2.4
                    mem_limit: 256m
                """,
                corrected: """
                    services:
                      worker:
                        image: example/worker:2.4
                        mem_limit: 256m
                        cpus: "1.0"
                    """, note: "A service that uses the legacy limit keys gets `cpus`."),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    cpus: 0.5
                  api:
                    image: example/api:3.1
                    deploy:
                      resources:
                        limits:
                          cpus: "2"
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
                    resources:
                      limits:
                        memory: 256Mi
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
                        resources:
                          limits:
                            memory: 256Mi
                            cpu: "1"
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
                      limits:
                        cpu: 500m
                """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        ResourceLimitCheck(
            compose: .cpus, kubernetesKey: "cpu", noun: "CPU",
            consequence: "one busy process can take every core of the host",
            composeValue: context.value(of: Self.composeCPUs),
            kubernetesValue: context.value(of: Self.kubernetesCPU),
            value: \.cpu
        ).check(workload, context: context)
    }
}
