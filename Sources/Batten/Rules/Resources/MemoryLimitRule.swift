/// A container without a memory limit can take all of the host's or node's memory.
public struct MemoryLimitRule: Rule {
    public init() {}

    static let composeMemory = RuleParameter<String>(
        name: "compose-memory", default: "512M",
        summary: "The memory limit a Compose fix proposes.")

    static let kubernetesMemory = RuleParameter<String>(
        name: "kubernetes-memory", default: "512Mi",
        summary: "The memory limit a Kubernetes fix proposes.")

    public static let description = RuleDescription(
        id: "memory-limit",
        title: "No memory limit",
        rationale: """
            Without a memory limit a container may use all of the memory of its host. A leak, a request \
            flood or an attacker who controls the process then starves every neighbour, and the kernel's \
            out-of-memory killer may pick a process outside the container. On Kubernetes, a container \
            without a limit is also the first candidate for eviction and makes node capacity unpredictable. \
            Init containers count too; ephemeral debug containers cannot have resources and are skipped.
            """,
        remediation: """
            Compose: set `deploy.resources.limits.memory` (or `mem_limit` on a service that uses the legacy \
            keys). Kubernetes: set `resources.limits.memory` on every container. Size it from measured use.
            """,
        severity: .medium,
        family: .resources,
        references: [
            .cisDocker("5.11"),
            .url("https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"),
        ],
        formats: [.compose, .kubernetes],
        parameters: [composeMemory, kubernetesMemory],
        fixKinds: [.decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  ↓web:
                    image: nginx:1.27
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        deploy:
                          resources:
                            limits:
                              memory: 512M
                    """),
            .triggering(
                .compose,
                """
                services:
                  ↓worker:
                    image: example/worker:2.4
                    cpus: 0.5
                    pids_limit: 100
                """,
                corrected: """
                    services:
                      worker:
                        image: example/worker:2.4
                        cpus: 0.5
                        pids_limit: 100
                        mem_limit: 512M
                    """,
                note:
                    "A service that uses the legacy limit keys gets `mem_limit`: Compose rejects a legacy key next to a `deploy.resources.limits` that disagrees with it."
            ),
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    ↓mem_limit: 0
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        mem_limit: 512M
                    """, note: "Zero means no limit."),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    mem_limit: 256m
                  api:
                    image: example/api:3.1
                    deploy:
                      resources:
                        limits:
                          memory: 1G
                """),
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
                      - ↓name: migrate
                        image: example/migrate:1.0
                      containers:
                      - ↓name: web
                        image: nginx:1.27
                        resources:
                          requests:
                            memory: 128Mi
                """,
                corrected: """
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
                            resources:
                              limits:
                                memory: 512Mi
                          containers:
                          - name: web
                            image: nginx:1.27
                            resources:
                              requests:
                                memory: 128Mi
                              limits:
                                memory: 512Mi
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
                        memory: 256Mi
                  ephemeralContainers:
                  - name: debugger
                    image: busybox:1.36
                """, note: "Ephemeral containers cannot have resources."),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        ResourceLimitCheck(
            compose: .memory, kubernetesKey: "memory", noun: "memory",
            consequence: "one runaway process can exhaust the host's memory",
            composeValue: context.value(of: Self.composeMemory),
            kubernetesValue: context.value(of: Self.kubernetesMemory),
            value: \.memory
        ).check(workload, context: context)
    }
}
