import BattenYAML
import Testing

@testable import Batten

struct MisspeltFieldRuleTests {
    @Test(arguments: [
        ("read-only", "read_only"), ("readonly", "read_only"), ("cap-drop", "cap_drop"), ("security-opt", "security_opt"),
        ("privilged", "privileged"), ("pids-limit", "pids_limit"), ("usr", "user"), ("healthchek", "healthcheck"),
    ])
    func composeCorrections(_ key: String, _ expected: String) {
        #expect(MisspeltFieldSchema.composeService.correction(for: key) == expected)
    }

    @Test(arguments: ["read_only", "pid", "image", "x-read-only", "cpu_count", "completely_unrelated", "ab"])
    func composeKeysLeftAlone(_ key: String) {
        #expect(MisspeltFieldSchema.composeService.correction(for: key) == nil)
    }

    @Test func kubernetesCorrections() {
        let container = MisspeltFieldSchema.kubernetesContainerSecurityContext
        #expect(container.correction(for: "readOnlyRootFileSystem") == "readOnlyRootFilesystem")
        #expect(container.correction(for: "ReadOnlyRootFileSystem") == "readOnlyRootFilesystem")
        #expect(container.correction(for: "runAsNonroot") == "runAsNonRoot")
        #expect(container.correction(for: "allowPrivilegeEscalaton") == "allowPrivilegeEscalation")
        #expect(container.correction(for: "runAsUser") == nil)
        #expect(MisspeltFieldSchema.kubernetesPodSpec.correction(for: "hostPid") == "hostPID")
        #expect(MisspeltFieldSchema.kubernetesPodSpec.correction(for: "automountServiceAccountTokens") == "automountServiceAccountToken")
        #expect(MisspeltFieldSchema.kubernetesResourceList.correction(for: "cpus") == "cpu")
        #expect(MisspeltFieldSchema.kubernetesResourceList.correction(for: "memroy") == "memory")
        #expect(MisspeltFieldSchema.kubernetesResourceList.correction(for: "nvidia.com/gpu") == nil)
        #expect(MisspeltFieldSchema.kubernetesResourceList.correction(for: "hugepages-2Mi") == nil)
    }

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
              hostPid: false
              containers:
              - name: web
                image: nginx:1.27
                securityContex:
                  runAsNonroot: true
        """

    @Test func kubernetesProposals() throws {
        let findings = try RuleHarness.audit(MisspeltFieldRule.self, .kubernetes, Self.deployment)
        #expect(findings.map(\.location.line) == [14, 18, 19])

        let pod = try #require(findings.first)
        let podChange = try #require(pod.fix?.changes.first)
        #expect(pod.fix?.kind == .safe)
        #expect(podChange.scope == .pod)
        #expect(podChange.path == ["hostPid"])
        #expect(podChange.operation == .renameKey("hostPID"))
        #expect(podChange.existing?.scalar == "hostPid")
        #expect(podChange.target.start.line == 14)
        #expect(pod.target.container == nil)

        let nested = findings[2]
        let change = try #require(nested.fix?.changes.first)
        #expect(change.scope == .container("web"))
        #expect(change.path == ["securityContex", "runAsNonroot"], "below a misspelt key, the path keeps the keys as written")
        #expect(change.operation == .renameKey("runAsNonRoot"))
        #expect(change.existing?.scalar == "runAsNonroot")
        #expect(nested.target.container == "web")
        #expect(nested.setting == "misspelt.securityContex.runAsNonroot")
        #expect(nested.message.contains("`runAsNonRoot`"))
    }

    @Test func mergedKeysAreCheckedOnce() throws {
        let findings = try RuleHarness.audit(
            MisspeltFieldRule.self, .kubernetes,
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - &base
                name: web
                image: nginx:1.27
                securityContext:
                  privilegd: false
              - <<: *base
                name: sidecar
            """)
        #expect(findings.map(\.location.line) == [11, 11])
        #expect(Set(findings.compactMap(\.target.container)) == ["web", "sidecar"])
    }

    @Test func composeProposal() throws {
        let findings = try RuleHarness.audit(
            MisspeltFieldRule.self, .compose,
            """
            services:
              web:
                image: nginx:1.27
                read-only: true
                x-cap-drop: [ALL]
            """)
        #expect(findings.count == 1)
        let change = try #require(findings.first?.fix?.changes.first)
        #expect(change.scope == .service)
        #expect(change.path == ["read-only"])
        #expect(change.operation == .renameKey("read_only"))
        #expect(change.existing?.scalar == "read-only")
    }

    @Test func composeOverrideFilesAreChecked() throws {
        let findings = try RuleHarness.audit(
            MisspeltFieldRule.self, .compose,
            """
            services:
              web:
                image: nginx:1.27
                cap_drop: [ALL]
            """,
            files: [
                "compose.override.yaml": """
                services:
                  web:
                    readonly: true
                """
            ])
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.location.path.hasSuffix("compose.override.yaml"))
        #expect(finding.location.line == 3)
        let change = try #require(finding.fix?.changes.first)
        #expect(change.target.path.hasSuffix("compose.override.yaml"), "the rename edits the file that has the key")
        #expect(change.operation == .renameKey("read_only"))
    }
}
