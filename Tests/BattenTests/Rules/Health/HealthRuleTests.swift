import BattenYAML
import Testing

@testable import Batten

struct HealthRuleTests {
    // MARK: Compose health status

    static func container(healthcheck: HealthCheck?) -> Container {
        let node = HandBuiltModel.node()
        return Container(name: "web", location: node, node: node, healthcheck: healthcheck)
    }

    @Test func healthStatus() {
        let node = HandBuiltModel.node()
        #expect(!ComposeHealthStatus(Self.container(healthcheck: nil)).isWorking)
        #expect(ComposeHealthStatus(Self.container(healthcheck: HealthCheck(test: ["CMD", "true"], disabled: false, node: node))).isWorking)
        #expect(
            ComposeHealthStatus(Self.container(healthcheck: HealthCheck(test: nil, disabled: false, node: node))).isWorking,
            "a healthcheck without a test keeps the image's test")
        #expect(!ComposeHealthStatus(Self.container(healthcheck: HealthCheck(test: ["NONE"], disabled: false, node: node))).isWorking)
        #expect(!ComposeHealthStatus(Self.container(healthcheck: HealthCheck(test: ["CMD", "true"], disabled: true, node: node))).isWorking)
    }

    // MARK: Restart policies

    static func service(
        _ entries: [(String, SourcedTree)], restart: String? = nil, condition: String? = nil, attempts: String? = nil
    ) -> ComposeServiceDetails {
        let node = HandBuiltModel.node()
        var service = HandBuiltModel.composeService(HandBuiltModel.mapping(entries))
        service.restart = restart.map { Sourced($0, node) }
        service.restartPolicyCondition = condition.map { Sourced($0, node) }
        service.restartPolicyMaxAttempts = attempts.map { Sourced($0, node) }
        return service
    }

    static let policy = HandBuiltModel.mapping([
        ("restart_policy", HandBuiltModel.mapping([("delay", HandBuiltModel.scalar("5s"))]))
    ])

    @Test func restartPolicies() {
        typealias R = RestartWithoutHealthcheckRule
        #expect(R.unboundedPolicy(of: Self.service([], restart: "always"))?.value == "always")
        #expect(R.unboundedPolicy(of: Self.service([], restart: "unless-stopped"))?.value == "unless-stopped")
        #expect(R.unboundedPolicy(of: Self.service([], restart: "no")) == nil)
        #expect(R.unboundedPolicy(of: Self.service([], restart: "on-failure:5")) == nil)
        #expect(R.unboundedPolicy(of: Self.service([])) == nil)
        #expect(R.unboundedPolicy(of: Self.service([("deploy", Self.policy)], condition: "any"))?.value == "any")
        #expect(R.unboundedPolicy(of: Self.service([("deploy", Self.policy)], condition: "any", attempts: "3")) == nil)
        #expect(R.unboundedPolicy(of: Self.service([("deploy", Self.policy)], condition: "on-failure")) == nil)
        #expect(
            R.unboundedPolicy(of: Self.service([("deploy", Self.policy)], restart: "always")) == nil,
            "deploy.restart_policy replaces restart; without a condition it restarts nothing")
        #expect(R.unboundedPolicy(of: Self.service([("deploy", Self.policy)], restart: "no", condition: "any")) != nil)
    }

    // MARK: Probes

    static let deployment = """
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
              - name: setup
                image: busybox:1.36
              - name: mesh
                image: envoyproxy/envoy:v1.31.0
                restartPolicy: Always
                readinessProbe:
                  tcpSocket:
                    port: 15021
              containers:
              - name: web
                image: nginx:1.27
                livenessProbe:
                  tcpSocket:
                    port: 80
        """

    @Test func probesOfSidecarsAndMainContainers() throws {
        let findings = try RuleHarness.audit(MissingProbesRule.self, .kubernetes, Self.deployment)
        #expect(Set(findings.map { "\($0.target.container ?? "")/\($0.setting)" }) == ["mesh/livenessProbe", "web/readinessProbe"])
        #expect(findings.allSatisfy { $0.fix == nil })
    }

    @Test func requiredProbesFollowTheParameter() throws {
        let findings = try RuleHarness.audit(
            MissingProbesRule.self, .kubernetes, Self.deployment, parameters: ["required": .strings(["startup"])])
        #expect(findings.map(\.setting) == ["startupProbe", "startupProbe"])
    }

    @Test func runToCompletionPodsNeedNoProbes() throws {
        let findings = try RuleHarness.audit(
            MissingProbesRule.self, .kubernetes,
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: once
            spec:
              restartPolicy: Never
              containers:
              - name: task
                image: example/task:1.0
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: migrate
                    image: example/migrate:1.0
            """)
        #expect(findings.isEmpty)
    }

    // MARK: Compose

    @Test func composeHealthFindings() throws {
        let findings = try RuleHarness.audit(
            MissingHealthcheckRule.self, .compose,
            """
            services:
              web:
                image: nginx:1.27
              api:
                image: example/api:3.1
                healthcheck:
                  interval: 10s
              db:
                image: postgres:16.4
                healthcheck:
                  test: ["NONE"]
            """)
        #expect(findings.map(\.target.name).sorted() == ["db", "web"])
        #expect(findings.first { $0.target.name == "db" }?.location.line == 10)
    }
}
