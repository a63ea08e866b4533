import BattenYAML
import Testing

@testable import Batten

/// The changes the privileges rules propose for Kubernetes, and where their findings point.
struct KubernetesPrivilegeFixTests {
    static func pod(_ spec: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
        \(spec)
        """
    }

    @Test func privilegedSetsFalseOnTheContainer() throws {
        let finding = try RuleHarness.single(
            PrivilegedContainerRule.self,
            Self.pod(
                """
                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      privileged: true
                """))
        #expect(finding.severity == .critical)
        #expect(finding.target.container == "app")
        #expect(finding.location.line == 10)
        #expect(finding.message.contains("Pod web container app"))
        let fix = try #require(finding.fix)
        #expect(fix.kind == .decision)
        let change = try #require(fix.changes.first)
        #expect(fix.changes.count == 1)
        #expect(change.scope == .container("app"))
        #expect(change.path == ["securityContext", "privileged"])
        #expect(change.operation == .set(.bool(false)))
        #expect(RuleHarness.text(of: change.existing) == "true")
        #expect(RuleHarness.text(of: change.target)?.hasPrefix("name: app") == true)
    }

    @Test func privilegeEscalationFixAndItsLimits() throws {
        let findings = try RuleHarness.findings(
            PrivilegeEscalationRule.self,
            Self.pod(
                """
                  containers:
                  - name: app
                    image: nginx
                  - name: root
                    image: nginx
                    securityContext:
                      privileged: true
                  - name: admin
                    image: nginx
                    securityContext:
                      capabilities: {add: [CAP_SYS_ADMIN]}
                """))
        #expect(findings.map { $0.target.container } == ["app", "root", "admin"])
        let change = try #require(findings.first?.fix?.changes.first)
        #expect(findings.first?.fix?.kind == .safe)
        #expect(change.scope == .container("app"))
        #expect(change.path == ["securityContext", "allowPrivilegeEscalation"])
        #expect(change.operation == .set(.bool(false)))
        #expect(change.existing == nil)
        #expect(findings.first?.location.line == 7, "a missing setting points at the container")
        #expect(findings[1].fix == nil, "Kubernetes rejects allowPrivilegeEscalation: false with privileged: true")
        #expect(findings[2].fix == nil, "Kubernetes rejects allowPrivilegeEscalation: false with CAP_SYS_ADMIN")
    }

    @Test func runsAsRootProposesNonRootAndAUser() throws {
        let findings = try RuleHarness.findings(
            RunsAsRootRule.self,
            Self.pod(
                """
                  containers:
                  - name: app
                    image: example/app:1.0
                  - name: keeps
                    image: example/app:1.0
                    securityContext:
                      runAsUser: 1000
                """), parameters: ["run-as-user": .int(2000)])
        #expect(findings.count == 2)
        let app = try #require(findings.first { $0.target.container == "app" }?.fix)
        #expect(app.kind == .decision)
        #expect(app.changes.map(\.path) == [["securityContext", "runAsNonRoot"], ["securityContext", "runAsUser"]])
        #expect(app.changes.map(\.operation) == [.set(.bool(true)), .set(.int(2000))])
        let keeps = try #require(findings.first { $0.target.container == "keeps" }?.fix)
        #expect(keeps.changes.map(\.path) == [["securityContext", "runAsNonRoot"]], "an existing non-root user is kept")
    }

    @Test func podLevelRunAsNonRootFalseIsFixedOnThePod() throws {
        let finding = try RuleHarness.single(
            RunsAsRootRule.self,
            Self.pod(
                """
                  securityContext:
                    runAsNonRoot: false
                  containers:
                  - name: app
                    image: example/app:1.0
                """))
        #expect(finding.target.container == nil)
        #expect(finding.setting == "pod.securityContext.runAsNonRoot")
        let change = try #require(finding.fix?.changes.first)
        #expect(change.scope == .pod)
        #expect(change.path == ["securityContext", "runAsNonRoot"])
        #expect(change.operation == .set(.bool(true)))
        #expect(RuleHarness.text(of: change.existing) == "false")
    }

    @Test func runAsUserZeroStandsForTheMissingRunAsNonRoot() throws {
        let podLevel = try RuleHarness.single(
            RunsAsRootRule.self,
            Self.pod(
                """
                  securityContext:
                    runAsUser: 0
                  containers:
                  - name: app
                    image: example/app:1.0
                  - name: side
                    image: busybox
                    securityContext:
                      runAsUser: 1000
                """))
        #expect(podLevel.setting == "pod.securityContext.runAsUser")
        let podFix = try #require(podLevel.fix)
        #expect(podFix.title == "Set runAsUser: 10001 and runAsNonRoot: true")
        #expect(podFix.changes.map(\.scope) == [.pod, .pod])
        #expect(podFix.changes.map(\.path) == [["securityContext", "runAsUser"], ["securityContext", "runAsNonRoot"]])
        #expect(RuleHarness.text(of: podFix.changes[0].existing) == "0")
        #expect(podFix.changes[1].existing == nil)

        let containerLevel = try RuleHarness.single(
            RunsAsRootRule.self,
            Self.pod(
                """
                  securityContext:
                    runAsNonRoot: true
                  containers:
                  - name: app
                    image: example/app:1.0
                    securityContext:
                      runAsUser: 0
                """))
        #expect(
            containerLevel.fix?.changes.map(\.path) == [["securityContext", "runAsUser"]],
            "runAsNonRoot is already true at the pod")
    }

    @Test func groupZeroOnlyWithCheckGroup() throws {
        let text = Self.pod(
            """
              securityContext:
                runAsNonRoot: true
                runAsGroup: 0
              containers:
              - name: app
                image: nginx
            """)
        let finding = try RuleHarness.single(RunsAsRootRule.self, text)
        #expect(finding.setting == "pod.securityContext.runAsGroup")
        #expect(finding.fix?.changes.first?.operation == .set(.int(10001)))
        #expect(try RuleHarness.findings(RunsAsRootRule.self, text, parameters: ["check-group": .bool(false)]).isEmpty)
    }

    @Test func dropAllIsAppendedToTheExistingList() throws {
        let finding = try RuleHarness.single(
            CapabilitiesNotDroppedRule.self,
            Self.pod(
                """
                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      capabilities:
                        drop: [NET_RAW]
                """))
        #expect(finding.location.line == 11)
        let change = try #require(finding.fix?.changes.first)
        #expect(change.scope == .container("app"))
        #expect(change.path == ["securityContext", "capabilities", "drop"])
        #expect(change.operation == .append(.string("ALL")))
        #expect(RuleHarness.text(of: change.existing) == "[NET_RAW]")
    }

    @Test func criticalCapabilitiesEscalate() throws {
        let findings = try RuleHarness.findings(
            CapabilitiesAddedRule.self,
            Self.pod(
                """
                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      capabilities:
                        add: [SYS_ADMIN, NET_RAW, sys_ptrace, CHOWN]
                """))
        #expect(findings.map(\.severity) == [.critical, .high, .critical])
        #expect(
            findings.map(\.setting) == [
                "securityContext.capabilities.add[SYS_ADMIN]", "securityContext.capabilities.add[NET_RAW]",
                "securityContext.capabilities.add[sys_ptrace]",
            ])
        // The nginx profile does not list them: removing each is known.
        #expect(findings.map { $0.fix?.kind } == [.known, .known, .known])
        #expect(
            findings.map { $0.fix?.changes.first?.operation } == [
                .removeItem(.string("SYS_ADMIN")), .removeItem(.string("NET_RAW")), .removeItem(.string("sys_ptrace")),
            ])
        let fixed = RuleContext(rule: CapabilitiesAddedRule.description, severity: .low)
        let workload = try #require(
            try RuleHarness.workloads(
                Self.pod(
                    """
                      containers:
                      - name: app
                        image: nginx
                        securityContext: {capabilities: {add: [SYS_ADMIN]}}
                    """), format: .kubernetes
            ).first)
        #expect(
            CapabilitiesAddedRule().check(workload, context: fixed).map(\.severity) == [.low],
            "a severity the policy sets wins over the escalation")
    }

    @Test func seccompFixesSetRuntimeDefault() throws {
        let unconfined = try RuleHarness.single(
            SeccompUnconfinedRule.self,
            Self.pod(
                """
                  securityContext:
                    seccompProfile:
                      type: Unconfined
                  containers:
                  - name: app
                    image: nginx
                """))
        let change = try #require(unconfined.fix?.changes.first)
        #expect(unconfined.fix?.kind == .safe)
        #expect(change.scope == .pod)
        #expect(change.path == ["securityContext", "seccompProfile", "type"])
        #expect(change.operation == .set(.string("RuntimeDefault")))
        #expect(RuleHarness.text(of: change.existing) == "Unconfined")

        let notSet = try RuleHarness.single(
            SeccompNotSetRule.self,
            Self.pod(
                """
                  containers:
                  - name: app
                    image: nginx
                  - name: side
                    image: busybox
                    securityContext:
                      seccompProfile: {type: RuntimeDefault}
                """))
        #expect(notSet.location.line == 7, "points at the container without a profile")
        #expect(notSet.target.container == "app")
        let podChange = try #require(notSet.fix?.changes.first)
        #expect(podChange.scope == .pod)
        #expect(podChange.path == ["securityContext", "seccompProfile"])
        #expect(podChange.operation == .set(.mapping([("type", .string("RuntimeDefault"))])))
    }

    @Test func profileWithoutATypeIsReportedAtTheMapping() throws {
        let finding = try RuleHarness.single(
            SeccompUnconfinedRule.self,
            Self.pod(
                """
                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      seccompProfile:
                        localhostProfile: p.json
                """))
        #expect(finding.location.line == 10)
        #expect(finding.message.contains("without a `type`"))
        let change = try #require(finding.fix?.changes.first)
        #expect(change.path == ["securityContext", "seccompProfile", "type"])
        #expect(change.existing == nil)
    }

    @Test func appArmorAnnotationIsFixedOnTheTemplate() throws {
        let text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations:
                container.apparmor.security.beta.kubernetes.io/app: unconfined
            spec:
              template:
                metadata:
                  annotations:
                    container.apparmor.security.beta.kubernetes.io/app: unconfined
                spec:
                  containers:
                  - name: app
                    image: nginx
            """
        let finding = try RuleHarness.single(AppArmorUnconfinedRule.self, text)
        #expect(finding.location.line == 11, "the pod template's annotations count, not the object's")
        #expect(finding.target.container == "app")
        // The deprecated annotation is replaced by the container's field (Kubernetes 1.30+): the
        // template's annotations, which hold nothing else, go.
        let fields = try #require(finding.fix?.changes.first)
        #expect(fields.scope == .container("app"))
        #expect(fields.path == ["securityContext", "appArmorProfile"])
        let change = try #require(finding.fix?.changes.last)
        #expect(change.scope == .podMetadata)
        #expect(change.path == ["annotations"])
        #expect(change.operation == .remove)
        #expect(RuleHarness.text(of: change.target)?.hasPrefix("annotations:") == true)
    }

    @Test func seLinuxFindingsPointAtEachField() throws {
        let findings = try RuleHarness.findings(
            SELinuxCustomRule.self,
            Self.pod(
                """
                  securityContext:
                    seLinuxOptions:
                      user: system_u
                      role: system_r
                      type: unconfined_t
                      level: s0
                  containers:
                  - name: app
                    image: nginx
                """))
        #expect(findings.map(\.location.line) == [8, 9, 10])
        #expect(
            findings.map(\.setting) == [
                "pod.securityContext.seLinuxOptions.user", "pod.securityContext.seLinuxOptions.role",
                "pod.securityContext.seLinuxOptions.type",
            ])
        #expect(findings.allSatisfy { $0.fix == nil && $0.target.container == nil })
    }
}
