import BattenYAML
import Testing

@testable import Batten

/// Pass/fail pods per Pod Security Standards control of this family: a pod the admission
/// controller admits at a level gets no finding from that level's rules (with the built-in
/// policy's parameters); a pod it rejects gets at least one.
struct PodSecurityStandardsPrivilegeTests {
    enum Level: String, Sendable { case baseline, restricted }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var level: Level
        var admitted: Bool
        var spec: String

        var testDescription: String { "\(level.rawValue): \(name) \(admitted ? "admitted" : "rejected")" }
    }

    static let baselineRules: [any Rule.Type] = [
        PrivilegedContainerRule.self, CapabilitiesAddedRule.self, SeccompUnconfinedRule.self, AppArmorUnconfinedRule.self,
        SELinuxCustomRule.self,
    ]
    static let restrictedRules: [any Rule.Type] =
        baselineRules + [
            PrivilegeEscalationRule.self, RunsAsRootRule.self, CapabilitiesNotDroppedRule.self, SeccompNotSetRule.self,
        ]

    /// A container that passes every restricted control of this family.
    static let good = """
            securityContext:
              allowPrivilegeEscalation: false
              capabilities: {drop: [ALL]}
        """

    static func pod(_ spec: String, annotations: String = "") -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        \(annotations.isEmpty ? "" : "  annotations:\n" + annotations)
        spec:
        \(spec)
        """
    }

    static let restrictedPodContext = """
          securityContext:
            runAsNonRoot: true
            seccompProfile: {type: RuntimeDefault}
        """

    static let cases: [Case] = [
        // Privileged Containers (baseline)
        Case(
            name: "privileged container", level: .baseline, admitted: false,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {privileged: true}
                """),
        Case(
            name: "privileged ephemeral container", level: .baseline, admitted: false,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                  ephemeralContainers:
                  - name: debug
                    image: busybox
                    securityContext: {privileged: true}
                """),
        Case(
            name: "privileged false", level: .baseline, admitted: true,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {privileged: false}
                """),
        // Capabilities (baseline)
        Case(
            name: "baseline capability added", level: .baseline, admitted: true,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {capabilities: {add: [CHOWN, NET_BIND_SERVICE, SYS_CHROOT]}}
                """),
        Case(
            name: "NET_RAW added", level: .baseline, admitted: false,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {capabilities: {add: [NET_RAW]}}
                """),
        Case(
            name: "lower-case baseline capability", level: .baseline, admitted: false,
            spec: """
                  initContainers:
                  - name: init
                    image: busybox
                    securityContext: {capabilities: {add: [chown]}}
                  containers:
                  - name: app
                    image: nginx
                """),
        Case(
            name: "CAP_ prefixed capability", level: .baseline, admitted: false,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {capabilities: {add: [CAP_CHOWN]}}
                """),
        // Seccomp (baseline)
        Case(
            name: "pod seccomp Unconfined", level: .baseline, admitted: false,
            spec: """
                  securityContext: {seccompProfile: {type: Unconfined}}
                  containers:
                  - name: app
                    image: nginx
                """),
        Case(
            name: "container seccomp Unconfined", level: .baseline, admitted: false,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {seccompProfile: {type: Unconfined}}
                """),
        Case(
            name: "seccomp Localhost", level: .baseline, admitted: true,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}
                """),
        // AppArmor (baseline)
        Case(
            name: "AppArmor Unconfined field", level: .baseline, admitted: false,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {appArmorProfile: {type: Unconfined}}
                """),
        Case(
            name: "AppArmor pod RuntimeDefault", level: .baseline, admitted: true,
            spec: """
                  securityContext: {appArmorProfile: {type: RuntimeDefault}}
                  containers:
                  - name: app
                    image: nginx
                """),
        // SELinux (baseline)
        Case(
            name: "SELinux role", level: .baseline, admitted: false,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {seLinuxOptions: {role: sysadm_r}}
                """),
        Case(
            name: "SELinux user on the pod", level: .baseline, admitted: false,
            spec: """
                  securityContext: {seLinuxOptions: {user: system_u}}
                  containers:
                  - name: app
                    image: nginx
                """),
        Case(
            name: "SELinux spc_t", level: .baseline, admitted: false,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {seLinuxOptions: {type: spc_t}}
                """),
        Case(
            name: "SELinux level and allowed types", level: .baseline, admitted: true,
            spec: """
                  securityContext: {seLinuxOptions: {level: "s0:c1,c2", type: container_init_t}}
                  containers:
                  - name: app
                    image: nginx
                    securityContext: {seLinuxOptions: {type: container_engine_t, user: "", role: ""}}
                """),
        Case(
            name: "nothing set", level: .baseline, admitted: true,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                """),

        // Restricted
        Case(
            name: "compliant", level: .restricted, admitted: true,
            spec: restrictedPodContext + """

                  containers:
                  - name: app
                    image: nginx
                \(good)
                """),
        Case(
            name: "nothing set", level: .restricted, admitted: false,
            spec: """
                  containers:
                  - name: app
                    image: nginx
                """),
        // Privilege Escalation
        Case(
            name: "init container may escalate", level: .restricted, admitted: false,
            spec: restrictedPodContext + """

                  initContainers:
                  - name: init
                    image: busybox
                    securityContext:
                      capabilities: {drop: [ALL]}
                  containers:
                  - name: app
                    image: nginx
                \(good)
                """),
        Case(
            name: "Windows pod without Linux settings", level: .restricted, admitted: true,
            spec: """
                  os: {name: windows}
                  securityContext:
                    runAsNonRoot: true
                  containers:
                  - name: app
                    image: iis
                """),
        // Running as Non-root
        Case(
            name: "pod runAsNonRoot false, container true", level: .restricted, admitted: false,
            spec: """
                  securityContext:
                    runAsNonRoot: false
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      runAsNonRoot: true
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL]}
                """),
        Case(
            name: "every container sets runAsNonRoot", level: .restricted, admitted: true,
            spec: """
                  securityContext:
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      runAsNonRoot: true
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL]}
                """),
        Case(
            name: "one container without runAsNonRoot", level: .restricted, admitted: false,
            spec: """
                  securityContext:
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      runAsNonRoot: true
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL]}
                  - name: side
                    image: busybox
                    securityContext:
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL]}
                """),
        // Running as Non-root user
        Case(
            name: "container runAsUser 0", level: .restricted, admitted: false,
            spec: restrictedPodContext + """

                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      runAsUser: 0
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL]}
                """),
        Case(
            name: "pod runAsUser 0", level: .restricted, admitted: false,
            spec: """
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 0
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                  - name: app
                    image: nginx
                \(good)
                """),
        Case(
            name: "runAsGroup 0 is allowed", level: .restricted, admitted: true,
            spec: """
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 1000
                    runAsGroup: 0
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                  - name: app
                    image: nginx
                \(good)
                """),
        Case(
            name: "user namespace relaxes non-root", level: .restricted, admitted: true,
            spec: """
                  hostUsers: false
                  securityContext:
                    runAsUser: 0
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                  - name: app
                    image: nginx
                \(good)
                """),
        // Capabilities (restricted)
        Case(
            name: "NET_BIND_SERVICE added back", level: .restricted, admitted: true,
            spec: restrictedPodContext + """

                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
                """),
        Case(
            name: "CHOWN added back", level: .restricted, admitted: false,
            spec: restrictedPodContext + """

                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL], add: [CHOWN]}
                """),
        Case(
            name: "drop all in lower case", level: .restricted, admitted: false,
            spec: restrictedPodContext + """

                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [all]}
                """),
        Case(
            name: "ephemeral container keeps capabilities", level: .restricted, admitted: false,
            spec: restrictedPodContext + """

                  containers:
                  - name: app
                    image: nginx
                \(good)
                  ephemeralContainers:
                  - name: debug
                    image: busybox
                    securityContext:
                      allowPrivilegeEscalation: false
                """),
        // Seccomp (restricted)
        Case(
            name: "seccomp on every container only", level: .restricted, admitted: true,
            spec: """
                  securityContext:
                    runAsNonRoot: true
                  containers:
                  - name: app
                    image: nginx
                    securityContext:
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL]}
                      seccompProfile: {type: RuntimeDefault}
                """),
        Case(
            name: "seccomp missing", level: .restricted, admitted: false,
            spec: """
                  securityContext:
                    runAsNonRoot: true
                  containers:
                  - name: app
                    image: nginx
                \(good)
                """),
        Case(
            name: "pod seccomp Unconfined, container unset", level: .restricted, admitted: false,
            spec: """
                  securityContext:
                    runAsNonRoot: true
                    seccompProfile: {type: Unconfined}
                  containers:
                  - name: app
                    image: nginx
                \(good)
                """),
    ]

    @Test(arguments: cases)
    func podSecurity(_ testCase: Case) throws {
        let rules = testCase.level == .baseline ? Self.baselineRules : Self.restrictedRules
        let parameters: [String: ParameterValue] =
            testCase.level == .baseline
            ? ["allowed": .strings(CapabilityNames.baselineAllowed)]
            : ["allowed": .strings(["NET_BIND_SERVICE"]), "check-group": .bool(false)]
        let outcome = try ExampleRunner.run(
            Self.pod(testCase.spec), format: .kubernetes, parameters: parameters, rules: rules)
        let errors = outcome.diagnostics.filter { $0.level == .error }
        #expect(errors.isEmpty, "does not load: \(errors.map(\.description))")
        if testCase.admitted {
            #expect(outcome.findings.isEmpty, "unexpected: \(outcome.findings.map { "\($0.ruleID): \($0.message)" })")
        } else {
            #expect(!outcome.findings.isEmpty, "no finding for a pod the admission controller rejects")
        }
    }

    @Test func annotationsAtLatest() throws {
        let seccomp = Self.pod(
            """
              containers:
              - name: app
                image: nginx
            """,
            annotations: """
                    seccomp.security.alpha.kubernetes.io/pod: unconfined
                    container.seccomp.security.alpha.kubernetes.io/app: unconfined
                """)
        #expect(try ExampleRunner.run(seccomp, format: .kubernetes, rules: Self.baselineRules).findings.isEmpty)

        let appArmor = Self.pod(
            """
              containers:
              - name: app
                image: nginx
            """,
            annotations: """
                    container.apparmor.security.beta.kubernetes.io/other: unconfined
                """)
        let findings = try ExampleRunner.run(appArmor, format: .kubernetes, rules: Self.baselineRules).findings
        #expect(findings.map(\.ruleID) == ["apparmor-unconfined"], "an annotation for any container name counts")
        #expect(findings.first?.target.container == nil)
    }
}
