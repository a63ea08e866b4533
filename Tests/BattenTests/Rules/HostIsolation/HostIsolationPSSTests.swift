import Testing

@testable import Batten

/// Pod Security Standards pass/fail pods for the controls of the host isolation and filesystem
/// families, run under the built-in `baseline` and `restricted` policies: a pod the admission
/// controller admits gets no finding from these rules, a pod it rejects gets at least one.
struct HostIsolationPSSTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var control: String
        var pod: String
        /// The levels that admit the pod (empty: rejected by both).
        var admittedBy: Set<String>
        var testDescription: String { control }
    }

    static func pod(spec: String, container: String = "", initContainer: String? = nil) -> String {
        var text = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: probe
            spec:

            """
        text += spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        text += "\n  containers:\n  - name: app\n    image: example/app:1.0\n"
        text += container.split(separator: "\n", omittingEmptySubsequences: true).map { "    " + $0 }.joined(separator: "\n")
        if let initContainer {
            text += "\n  initContainers:\n  - name: init\n    image: example/init:1.0\n"
            text += initContainer.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        }
        return text + "\n"
    }

    static let both: Set<String> = ["baseline", "restricted"]

    static let cases: [Case] = [
        Case(control: "host network", pod: pod(spec: "hostNetwork: true"), admittedBy: []),
        Case(control: "host network false", pod: pod(spec: "hostNetwork: false"), admittedBy: both),
        Case(control: "host PID", pod: pod(spec: "hostPID: true"), admittedBy: []),
        Case(control: "host IPC", pod: pod(spec: "hostIPC: true"), admittedBy: []),
        Case(control: "host users true is not restricted", pod: pod(spec: "hostUsers: true"), admittedBy: both),
        Case(
            control: "hostPath volume, unmounted",
            pod: pod(spec: "volumes:\n- name: h\n  hostPath:\n    path: /srv/data"), admittedBy: []),
        Case(
            control: "emptyDir volume",
            pod: pod(spec: "volumes:\n- name: e\n  emptyDir: {}", container: "volumeMounts:\n- name: e\n  mountPath: /e"),
            admittedBy: both),
        Case(
            control: "nfs volume",
            pod: pod(spec: "volumes:\n- name: n\n  nfs:\n    server: nfs\n    path: /x"), admittedBy: ["baseline"]),
        Case(
            control: "gitRepo volume",
            pod: pod(spec: "volumes:\n- name: g\n  gitRepo:\n    repository: https://example.com/r.git"),
            admittedBy: ["baseline"]),
        Case(
            control: "image volume",
            pod: pod(spec: "volumes:\n- name: i\n  image:\n    reference: example/data:1.0"), admittedBy: both),
        Case(
            control: "volume without a source (defaults to emptyDir)",
            pod: pod(spec: "volumes:\n- name: d"), admittedBy: both),
        Case(control: "host port", pod: pod(spec: "", container: "ports:\n- containerPort: 80\n  hostPort: 8080"), admittedBy: []),
        Case(
            control: "host port with host IP",
            pod: pod(spec: "", container: "ports:\n- containerPort: 80\n  hostPort: 8080\n  hostIP: 127.0.0.1"),
            admittedBy: []),
        Case(
            control: "host port 0", pod: pod(spec: "", container: "ports:\n- containerPort: 80\n  hostPort: 0"),
            admittedBy: both),
        Case(
            control: "host port in an init container",
            pod: pod(spec: "", initContainer: "ports:\n- containerPort: 80\n  hostPort: 80"), admittedBy: []),
        Case(
            control: "safe sysctls",
            pod: pod(
                spec: """
                    securityContext:
                      sysctls:
                      - name: net.ipv4.ip_local_reserved_ports
                        value: "30000"
                      - name: net.ipv4.tcp_wmem
                        value: "4096 16384 4194304"
                    """), admittedBy: both),
        Case(
            control: "unsafe sysctl",
            pod: pod(spec: "securityContext:\n  sysctls:\n  - name: kernel.msgmax\n    value: \"1\""), admittedBy: []),
        Case(
            control: "procMount Unmasked", pod: pod(spec: "", container: "securityContext:\n  procMount: Unmasked"),
            admittedBy: []),
        Case(
            control: "procMount Unmasked in a user namespace",
            pod: pod(spec: "hostUsers: false", container: "securityContext:\n  procMount: Unmasked"),
            admittedBy: ["baseline"]),
        Case(
            control: "procMount Default", pod: pod(spec: "", container: "securityContext:\n  procMount: Default"),
            admittedBy: both),
        Case(
            control: "Windows HostProcess at pod level",
            pod: pod(spec: "securityContext:\n  windowsOptions:\n    hostProcess: true"), admittedBy: []),
        Case(
            control: "Windows HostProcess in an init container",
            pod: pod(spec: "", initContainer: "securityContext:\n  windowsOptions:\n    hostProcess: true"), admittedBy: []),
        Case(
            control: "Windows HostProcess false",
            pod: pod(spec: "securityContext:\n  windowsOptions:\n    hostProcess: false"), admittedBy: both),
        Case(
            control: "probe host",
            pod: pod(spec: "", container: "readinessProbe:\n  httpGet:\n    host: 127.0.0.1\n    port: 80"), admittedBy: []),
        Case(
            control: "lifecycle host",
            pod: pod(spec: "", container: "lifecycle:\n  postStart:\n    tcpSocket:\n      host: example.com\n      port: 80"),
            admittedBy: []),
        Case(
            control: "empty probe host",
            pod: pod(spec: "", container: "livenessProbe:\n  httpGet:\n    host: \"\"\n    port: 80"), admittedBy: both),
    ]

    @Test(arguments: cases)
    func control(_ testCase: Case) throws {
        for level in ["baseline", "restricted"] {
            let findings = try RuleHarness.policyFindings(level, kubernetes: testCase.pod)
            if testCase.admittedBy.contains(level) {
                #expect(findings.isEmpty, "\(level) admits it: \(findings.map { "\($0.ruleID): \($0.message)" })")
            } else {
                #expect(!findings.isEmpty, "\(level) rejects it, but no finding")
            }
        }
    }

    @Test func versionGatedControlsFollowThePinnedVersion() throws {
        let probe = Self.pod(spec: "", container: "readinessProbe:\n  httpGet:\n    host: 10.0.0.1\n    port: 80")
        #expect(try RuleHarness.policyFindings("baseline", kubernetes: probe, pssVersion: PSSVersion("v1.33")).isEmpty)
        #expect(try !RuleHarness.policyFindings("baseline", kubernetes: probe, pssVersion: PSSVersion("v1.34")).isEmpty)

        let userNamespace = Self.pod(spec: "hostUsers: false", container: "securityContext:\n  procMount: Unmasked")
        #expect(try !RuleHarness.policyFindings("baseline", kubernetes: userNamespace, pssVersion: PSSVersion("v1.34")).isEmpty)
        #expect(try RuleHarness.policyFindings("baseline", kubernetes: userNamespace, pssVersion: PSSVersion("v1.35")).isEmpty)
        #expect(try !RuleHarness.policyFindings("restricted", kubernetes: userNamespace, pssVersion: PSSVersion("v1.35")).isEmpty)

        let keepalive = Self.pod(spec: "securityContext:\n  sysctls:\n  - name: net.ipv4.tcp_keepalive_time\n    value: \"600\"")
        #expect(try !RuleHarness.policyFindings("baseline", kubernetes: keepalive, pssVersion: PSSVersion("v1.28")).isEmpty)
        #expect(try RuleHarness.policyFindings("baseline", kubernetes: keepalive, pssVersion: PSSVersion("v1.29")).isEmpty)
    }
}
