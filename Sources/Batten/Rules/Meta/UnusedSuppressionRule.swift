/// An inline suppression that suppresses nothing is stale, or names a rule that does not exist.
public struct UnusedSuppressionRule: SuppressionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "unused-suppression",
        title: "Suppression that suppresses nothing",
        rationale: """
            A suppression left behind after the setting was fixed, or one that names a rule that does not \
            exist (a typo), gives a false sense of what was reviewed and will silently hide the finding if the \
            setting comes back.
            """,
        remediation: "Remove the suppression, or correct the rule id it names.",
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
                        ↓privileged-container: the container used to need raw devices
                """),
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    x-batten:
                      ignore:
                        ↓privileged-containr: typo in the rule id
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations:
                    ↓batten.dev/ignore.privileged-container: the container used to need raw devices
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
                    privileged: true
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
                    batten.dev/ignore.privileged-container.web: the device plugin needs raw access to the GPU
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    securityContext:
                      privileged: true
                """),
        ])

    public func check(_ uses: [SuppressionUse], in workload: Workload, context: RuleContext) -> [Finding] {
        uses.compactMap { use in
            let id = use.suppression.ruleID
            let message: String
            if !use.ruleExists {
                message = "\(workload.displayName) suppresses `\(id)`, which is not a Batten rule; correct the id or remove it"
            } else if use.ruleIsEnabled && use.suppressedCount == 0 {
                message = "\(workload.displayName) suppresses `\(id)`, but nothing here triggers it; remove the suppression"
            } else {
                return nil
            }
            return context.finding(message, at: use.suppression.keyLocation, in: workload, setting: "suppression.\(id)")
        }
    }
}
