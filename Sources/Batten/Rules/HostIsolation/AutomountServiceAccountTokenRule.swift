/// A pod that gets a Kubernetes API token it may not need.
///
/// Kubernetes mounts the token when the pod's `automountServiceAccountToken` is true, or when the
/// pod leaves it unset and its ServiceAccount does not set it to false. The ServiceAccount is only
/// known when its object is part of the input; otherwise an unset pod field counts as mounted.
public struct AutomountServiceAccountTokenRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "automount-service-account-token",
        title: "Service account token mounted",
        rationale: """
            By default every pod gets a token for its service account at \
            /var/run/secrets/kubernetes.io/serviceaccount. Most applications never call the Kubernetes API; for \
            them the token is only useful to an attacker, who can use it to query the API, and to escalate when \
            the account has been given more rights than intended.
            """,
        remediation: """
            Set `automountServiceAccountToken: false` on the pod (or on its ServiceAccount). Pods that call the \
            API should use a dedicated service account with minimal RBAC rights. The fix is known for a pod of the \
            default service account, which has no permissions unless a binding grants them; for another account it \
            is a decision.
            """,
        severity: .low,
        family: .hostIsolation,
        references: [
            .url("https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting")
        ],
        formats: [.kubernetes],
        fixKinds: [.known, .decision],
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
                    ↓spec:
                      containers:
                      - name: web
                        image: nginx:1.27
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
                          containers:
                          - name: web
                            image: nginx:1.27
                          automountServiceAccountToken: false
                    """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: reporter
                automountServiceAccountToken: false
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: reporter
                spec:
                  serviceAccountName: reporter
                  ↓automountServiceAccountToken: true
                  containers:
                  - name: reporter
                    image: example/reporter:1.0
                """, note: "the pod's own setting wins over its ServiceAccount's"),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: worker
                automountServiceAccountToken: false
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: worker
                spec:
                  serviceAccountName: worker
                  containers:
                  - name: worker
                    image: example/worker:3.2
                """),
        ])

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard let details = workload.kubernetes else { return [] }
        let pod = details.automountServiceAccountToken
        if pod?.value == false { return [] }
        if pod == nil, details.serviceAccountAutomount?.value == false { return [] }
        let who = FindingTarget(workload).displayName
        let account = details.serviceAccountName?.value ?? "default"
        // The default account can do nothing unless a binding grants it rights; another account was
        // most likely made for a pod that calls the API.
        let usesDefault = account == "default"
        let fix = Fix(
            title: "Set automountServiceAccountToken: false", kind: usesDefault ? .known : .decision,
            changes: [
                Change(
                    scope: .pod, path: ["automountServiceAccountToken"], operation: .set(.bool(false)),
                    target: workload.node, existing: pod?.node)
            ],
            reason: usesDefault
                ? "the pod uses the default service account, which has no permissions unless a binding grants them"
                : "the pod uses service account \(account): Batten cannot know whether it calls the Kubernetes API")
        return [
            context.finding(
                "\(who) mounts the API token of service account \(account); set `automountServiceAccountToken: false` unless it calls the Kubernetes API",
                at: pod?.node ?? workload.location, in: workload, setting: "automountServiceAccountToken", fix: fix)
        ]
    }
}
