import Testing

@testable import Batten

/// `check` calls the method of the workload's format, and a ``ContainerRule`` sees each container.
struct FormatDispatchTests {
    typealias H = RuleHarness

    /// Reports every Compose service, nothing else.
    struct ComposeOnly: Rule {
        static let description = RuleDescription(
            id: "compose-only", title: "Compose only", rationale: "", remediation: "", severity: .low,
            family: .meta, formats: [.compose], examples: [])

        func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
            [context.finding("seen", at: workload.node, in: workload, setting: "service")]
        }
    }

    /// Reports every container.
    struct EachContainer: ContainerRule {
        static let description = RuleDescription(
            id: "each-container", title: "Each container", rationale: "", remediation: "", severity: .low,
            family: .meta, formats: [.compose, .kubernetes], examples: [])

        func checkContainer(_ container: Container, in workload: Workload, context: RuleContext) -> [Finding] {
            [context.finding(container.name, at: workload.node, in: workload, container: container, setting: "container")]
        }
    }

    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          initContainers:
            - name: setup
              image: busybox:1.36
          containers:
            - name: app
              image: nginx:1.27
        """

    @Test func formatMethodsDefaultToNoFinding() throws {
        let compose = try H.composeFindings(ComposeOnly.self, "services:\n  web:\n    image: nginx:1.27\n")
        #expect(compose.count == 1)
        #expect(try H.kubernetesFindings(ComposeOnly.self, Self.pod).isEmpty)
    }

    @Test func containerRuleChecksEveryContainer() throws {
        let findings = try H.kubernetesFindings(EachContainer.self, Self.pod)
        #expect(findings.map(\.message).sorted() == ["app", "setup"])
    }
}
