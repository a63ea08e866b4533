import BattenYAML
import Testing

@testable import Batten

/// Controls follow the policy's Pod Security Standards version (`pss-version: v1.NN`).
struct PrivilegeVersionTests {
    static func pod(_ body: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        \(body)
        """
    }

    @Test func containerEngineTypeFromV131() throws {
        let text = Self.pod(
            """
            spec:
              containers:
              - name: app
                image: podman
                securityContext:
                  seLinuxOptions: {type: container_engine_t}
            """)
        #expect(try RuleHarness.findings(SELinuxCustomRule.self, text, pss: "v1.31").isEmpty)
        let old = try RuleHarness.single(SELinuxCustomRule.self, text, pss: "v1.30")
        #expect(old.setting == "securityContext.seLinuxOptions.type")
        #expect(old.location.line == 10)
        #expect(old.location.column == 24)
    }

    @Test func seccompAnnotationsBeforeV119FieldsAfter() throws {
        let text = Self.pod(
            """
              annotations:
                seccomp.security.alpha.kubernetes.io/pod: unconfined
                container.seccomp.security.alpha.kubernetes.io/app: docker/default
                container.seccomp.security.alpha.kubernetes.io/side: localhost/profile.json
                container.seccomp.security.alpha.kubernetes.io/gone: unconfined
            spec:
              containers:
              - name: app
                image: nginx
                securityContext:
                  seccompProfile: {type: Unconfined}
              - name: side
                image: busybox
            """)
        let old = try RuleHarness.findings(SeccompUnconfinedRule.self, text, pss: "v1.18")
        #expect(
            old.map(\.setting) == ["annotations.seccomp.security.alpha.kubernetes.io/pod"],
            "only annotations count before v1.19, and only for containers that exist")
        #expect(old.first?.location.line == 6)
        let change = try #require(old.first?.fix?.changes.first)
        #expect(change.scope == .podMetadata)
        #expect(change.path == ["annotations", "seccomp.security.alpha.kubernetes.io/pod"])
        #expect(change.operation == .set(.string("runtime/default")))
        #expect(RuleHarness.text(of: change.existing) == "unconfined")

        let new = try RuleHarness.findings(SeccompUnconfinedRule.self, text, pss: "v1.19")
        #expect(new.map(\.setting) == ["securityContext.seccompProfile"])
        #expect(try RuleHarness.findings(SeccompNotSetRule.self, text, pss: "v1.18").isEmpty)
    }

    @Test func userNamespaceRelaxationFromV135() throws {
        let text = Self.pod(
            """
            spec:
              hostUsers: false
              containers:
              - name: app
                image: example/app:1.0
                securityContext:
                  runAsUser: 0
            """)
        let parameters: [String: ParameterValue] = ["check-group": .bool(false)]
        #expect(try RuleHarness.findings(RunsAsRootRule.self, text, parameters: parameters, pss: "v1.35").isEmpty)
        let old = try RuleHarness.findings(RunsAsRootRule.self, text, parameters: parameters, pss: "v1.34")
        #expect(old.map(\.setting) == ["securityContext.runAsUser"])
        #expect(old.first?.fix?.changes.map(\.path.last) == ["runAsUser", "runAsNonRoot"])
    }

    @Test func runAsUserZeroFromV123() throws {
        let text = Self.pod(
            """
            spec:
              securityContext:
                runAsNonRoot: true
              containers:
              - name: app
                image: nginx
                securityContext:
                  runAsUser: 0
            """)
        #expect(try RuleHarness.findings(RunsAsRootRule.self, text, pss: "v1.22").isEmpty)
        #expect(try RuleHarness.single(RunsAsRootRule.self, text, pss: "v1.23").setting == "securityContext.runAsUser")
    }

    @Test func windowsExemptionFromV125() throws {
        let text = Self.pod(
            """
            spec:
              os:
                name: windows
              containers:
              - name: app
                image: iis
            """)
        for rule in [PrivilegeEscalationRule.self, CapabilitiesNotDroppedRule.self, SeccompNotSetRule.self] as [any Rule.Type] {
            #expect(try RuleHarness.findings(rule, text, pss: "v1.25").isEmpty, "\(rule.description.id)")
            #expect(try RuleHarness.findings(rule, text, pss: "v1.24").count == 1, "\(rule.description.id)")
        }
    }

    @Test func capabilitiesRestrictedFromV122() throws {
        let text = Self.pod(
            """
            spec:
              containers:
              - name: app
                image: example/app:1.0
                securityContext:
                  capabilities: {add: [CHOWN]}
            """)
        let restricted: [String: ParameterValue] = ["allowed": .strings(["NET_BIND_SERVICE"])]
        #expect(try RuleHarness.findings(CapabilitiesNotDroppedRule.self, text, pss: "v1.21").isEmpty)
        #expect(
            try RuleHarness.findings(CapabilitiesAddedRule.self, text, parameters: restricted, pss: "v1.21").isEmpty,
            "before v1.22 the baseline list applied at every level")
        #expect(try RuleHarness.findings(CapabilitiesAddedRule.self, text, parameters: restricted, pss: "v1.22").count == 1)
    }
}
