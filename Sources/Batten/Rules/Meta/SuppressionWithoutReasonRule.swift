/// An inline suppression must say why the finding is acceptable.
public struct SuppressionWithoutReasonRule: SuppressionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "suppression-without-reason",
        title: "Suppression without a reason",
        rationale: """
            A suppression written in a manifest hides a finding from every later review. Without a reason, \
            nobody can tell whether the risk was accepted on purpose or silenced to make a pipeline pass.
            """,
        remediation: "Write why the finding is acceptable as the suppression's value.",
        severity: .low,
        family: .meta,
        formats: [.compose, .kubernetes],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    x-batten:
                      ignore:
                        ↓privileged-container: ""
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations:
                    ↓batten.dev/ignore.privileged-container: ""
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    x-batten:
                      ignore:
                        privileged-container: the device plugin needs raw access to the GPU
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations:
                    batten.dev/ignore.privileged-container: the device plugin needs raw access to the GPU
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                """),
        ])

    public func check(_ uses: [SuppressionUse], in workload: Workload, context: RuleContext) -> [Finding] {
        uses.filter { $0.suppression.reason.trimmingWhitespace.isEmpty }.map { use in
            let location = use.suppression.keyLocation
            return context.finding(
                "\(workload.displayName) suppresses `\(use.suppression.ruleID)` without a reason; write why it is acceptable",
                at: location, in: workload, setting: "suppression.\(use.suppression.ruleID)")
        }
    }
}
