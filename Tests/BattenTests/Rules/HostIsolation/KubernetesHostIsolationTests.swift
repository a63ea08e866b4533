import BattenYAML
import Testing

@testable import Batten

/// Edge cases of the host isolation rules on Kubernetes input.
struct KubernetesHostIsolationTests {
    typealias H = RuleHarness

    static func pod(_ body: String) -> String {
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n" + body
    }

    // MARK: Sysctls

    static func sysctlPod(_ name: String) -> String {
        Self.pod(
            """
            spec:
              securityContext:
                sysctls:
                - name: \(name)
                  value: "1"
              containers:
              - name: app
                image: example/app:1.0
            """)
    }

    @Test(arguments: [
        ("net.ipv4.ip_local_reserved_ports", 27), ("net.ipv4.tcp_keepalive_time", 29), ("net.ipv4.tcp_fin_timeout", 29),
        ("net.ipv4.tcp_keepalive_intvl", 29), ("net.ipv4.tcp_keepalive_probes", 29), ("net.ipv4.tcp_rmem", 32),
        ("net.ipv4.tcp_wmem", 32), ("net.ipv4.tcp_slow_start_after_idle", 37), ("net.ipv4.tcp_notsent_lowat", 37),
    ])
    func sysctlsAreSafeFromTheirRelease(_ sysctl: (name: String, minor: Int)) throws {
        let text = Self.sysctlPod(sysctl.name)
        let before = try H.kubernetesFindings(UnsafeSysctlsRule.self, text, pssVersion: PSSVersion(minor: sysctl.minor - 1))
        #expect(before.count == 1)
        #expect(before.first?.message.contains("safe from v1.\(sysctl.minor)") == true)
        #expect(try H.kubernetesFindings(UnsafeSysctlsRule.self, text, pssVersion: PSSVersion(minor: sysctl.minor)).isEmpty)
        #expect(try H.kubernetesFindings(UnsafeSysctlsRule.self, text).isEmpty)
    }

    @Test func sysctlNamesMatchExactly() throws {
        #expect(try H.kubernetesFindings(UnsafeSysctlsRule.self, Self.sysctlPod("net/ipv4/tcp_syncookies")).count == 1)
        #expect(try H.kubernetesFindings(UnsafeSysctlsRule.self, Self.sysctlPod("kernel.shm_rmid_forced")).isEmpty)
        let allowed = try H.kubernetesFindings(
            UnsafeSysctlsRule.self, Self.sysctlPod("net.core.somaxconn"),
            parameters: ["allowed": .strings(["net.core.somaxconn"])])
        #expect(allowed.isEmpty)
    }

    // MARK: Probe host

    @Test func probeHostCoversEveryContainerAndHandler() throws {
        let text = Self.pod(
            """
            spec:
              initContainers:
              - name: sidecar
                image: example/proxy:1.0
                restartPolicy: Always
                startupProbe:
                  tcpSocket:
                    host: 10.0.0.1
                    port: 15000
              containers:
              - name: app
                image: example/app:1.0
                lifecycle:
                  postStart:
                    httpGet:
                      host: localhost
                      port: 80
                  preStop:
                    exec:
                      command: [sleep, "5"]
              ephemeralContainers:
              - name: debug
                image: busybox:1.36
                readinessProbe:
                  httpGet:
                    host: ::1
                    port: 80
            """)
        let findings = try H.kubernetesFindings(ProbeHostRule.self, text)
        #expect(Set(findings.compactMap(\.target.container)) == ["sidecar", "app", "debug"])
        #expect(try H.kubernetesFindings(ProbeHostRule.self, text, pssVersion: PSSVersion(minor: 33)).isEmpty)
    }

    // MARK: procMount

    @Test func procMountUserNamespaceRelaxationNeedsTheParameterAndV135() throws {
        let text = Self.pod(
            """
            spec:
              hostUsers: false
              containers:
              - name: app
                image: example/app:1.0
                securityContext:
                  procMount: Unmasked
            """)
        let allow: [String: ParameterValue] = ["allow-with-user-namespace": .bool(true)]
        #expect(try H.kubernetesFindings(ProcMountUnmaskedRule.self, text).count == 1)
        #expect(try H.kubernetesFindings(ProcMountUnmaskedRule.self, text, parameters: allow).isEmpty)
        #expect(try H.kubernetesFindings(ProcMountUnmaskedRule.self, text, parameters: allow, pssVersion: PSSVersion(minor: 34)).count == 1)
        let hostUsers = text.replacingOccurrences(of: "hostUsers: false", with: "hostUsers: true")
        #expect(try H.kubernetesFindings(ProcMountUnmaskedRule.self, hostUsers, parameters: allow).count == 1)
    }

    // MARK: Windows HostProcess

    @Test func hostProcessIsReportedWhereItIsSet() throws {
        let text = Self.pod(
            """
            spec:
              securityContext:
                windowsOptions:
                  hostProcess: true
              containers:
              - name: a
                image: example/a:1.0
              - name: b
                image: example/b:1.0
                securityContext:
                  windowsOptions:
                    hostProcess: true
              - name: c
                image: example/c:1.0
                securityContext:
                  windowsOptions:
                    hostProcess: false
            """)
        let findings = try H.kubernetesFindings(WindowsHostProcessRule.self, text)
        #expect(findings.count == 2)
        #expect(findings.contains { $0.target.container == nil })
        #expect(findings.contains { $0.target.container == "b" })
    }

    // MARK: Host namespaces and ports

    @Test func hostPIDIsCritical() throws {
        let findings = try H.kubernetesFindings(
            HostNamespacesRule.self,
            Self.pod(
                """
                spec:
                  hostPID: true
                  hostNetwork: true
                  containers:
                  - name: app
                    image: example/app:1.0
                """))
        #expect(findings.first { $0.setting == "hostPID" }?.severity == .critical)
        #expect(findings.first { $0.setting == "hostNetwork" }?.severity == .high)
    }

    @Test func hostPortPointsAtTheHostPortEntry() throws {
        let text = Self.pod(
            """
            spec:
              containers:
              - name: app
                image: example/app:1.0
                ports:
                - containerPort: 80
                  hostPort: 8080
            """)
        let findings = try H.kubernetesFindings(PortOnAllInterfacesRule.self, text)
        #expect(findings.map(H.position) == ["11:7"])
        #expect(findings.first?.severity == .medium)
        // Who must reach port 80 of an unknown image Batten cannot tell.
        #expect(findings.first?.fix?.kind == .decision)
        #expect(findings.first?.fix?.changes.map(\.path) == [["hostPort"]])
    }

    // MARK: Volumes

    @Test func hostPathSeverityFollowsHowItIsMounted() throws {
        let text = Self.pod(
            """
            spec:
              initContainers:
              - name: init
                image: example/init:1.0
                volumeMounts:
                - name: writable
                  mountPath: /w
              containers:
              - name: app
                image: example/app:1.0
                volumeMounts:
                - name: readonly
                  mountPath: /r
                  readOnly: true
                - name: writable
                  mountPath: /w
                  readOnly: true
              volumes:
              - name: readonly
                hostPath:
                  path: /srv/r
              - name: writable
                hostPath:
                  path: /srv/w
              - name: unused
                hostPath:
                  path: /srv/u
            """)
        let findings = try H.kubernetesFindings(BindMountRule.self, text)
        let severities: [String: Severity] = Dictionary(uniqueKeysWithValues: findings.map { ($0.setting, $0.severity) })
        #expect(
            severities == [
                "volumes.readonly.hostPath": .medium, "volumes.writable.hostPath": .high, "volumes.unused.hostPath": .medium,
            ])
        #expect(findings.allSatisfy { $0.fix == nil && $0.target.container == nil })
    }

    @Test func sensitiveAndSocketPathsOfHostPathVolumes() throws {
        func findings<R: Rule>(_ rule: R.Type, _ path: String, parameters: [String: ParameterValue] = [:]) throws -> Int {
            try H.kubernetesFindings(
                rule,
                Self.pod(
                    """
                    spec:
                      containers:
                      - name: app
                        image: example/app:1.0
                      volumes:
                      - name: h
                        hostPath:
                          path: \(path)
                    """), parameters: parameters
            ).count
        }
        #expect(try findings(SensitiveHostPathRule.self, "/") == 1)
        #expect(try findings(SensitiveHostPathRule.self, "/var/lib/kubelet/pods") == 1)
        #expect(try findings(SensitiveHostPathRule.self, "/var/log/pods") == 0)
        #expect(try findings(SensitiveHostPathRule.self, "/etcd-data") == 0)
        #expect(try findings(SensitiveHostPathRule.self, "/srv/data/../../etc") == 1)
        #expect(try findings(SensitiveHostPathRule.self, "/opt/app") == 0)
        #expect(try findings(SensitiveHostPathRule.self, "/opt/app", parameters: ["paths": .strings(["/opt"])]) == 1)
        #expect(try findings(RuntimeSocketRule.self, "/var/run") == 1)
        #expect(try findings(RuntimeSocketRule.self, "/run/k3s/containerd/containerd.sock") == 1)
        #expect(try findings(RuntimeSocketRule.self, "/var/lib/docker") == 0)
        #expect(try findings(SensitiveHostPathRule.self, "/var/run/docker.sock") == 0, "left to runtime-socket")
        #expect(try findings(BindMountRule.self, "/var/run/docker.sock") == 0, "left to runtime-socket")
        #expect(try findings(BindMountRule.self, "/etc/ssl") == 0, "left to sensitive-host-path")
        #expect(try findings(BindMountRule.self, "/var/log") == 1)
        #expect(try findings(HostDevicesRule.self, "/dev") == 1)
        #expect(try findings(HostDevicesRule.self, "/dev/kvm") == 1)
        #expect(try findings(HostDevicesRule.self, "/devices") == 0)
    }

    @Test func volumeTypesFollowTheRestrictedList() throws {
        let text = Self.pod(
            """
            spec:
              containers:
              - name: app
                image: example/app:1.0
              volumes:
              - name: repo
                gitRepo:
                  repository: https://example.com/repo.git
              - name: disk
                awsElasticBlockStore:
                  volumeID: vol-1
              - name: img
                image:
                  reference: example/data:1.0
              - name: plain
            """)
        for version in [PSSVersion.latest, PSSVersion(minor: 25)] {
            let findings = try H.kubernetesFindings(VolumeTypesRule.self, text, pssVersion: version)
            #expect(findings.map(\.setting).sorted() == ["volumes.disk", "volumes.repo"])
        }
    }

    @Test func mountPropagationSeverity() throws {
        let findings = try H.kubernetesFindings(
            MountPropagationRule.self,
            Self.pod(
                """
                spec:
                  containers:
                  - name: app
                    image: example/app:1.0
                    volumeMounts:
                    - name: a
                      mountPath: /a
                      mountPropagation: Bidirectional
                    - name: b
                      mountPath: /b
                      mountPropagation: HostToContainer
                  volumes:
                  - name: a
                    emptyDir: {}
                  - name: b
                    emptyDir: {}
                """))
        #expect(findings.map(\.severity) == [.high, .medium])
    }

    // MARK: Service account token

    @Test func automountFollowsPodThenServiceAccount() throws {
        func findings(_ account: String?, _ pod: String?) throws -> [Finding] {
            var text = ""
            if let account {
                text += "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\nautomountServiceAccountToken: \(account)\n---\n"
            }
            text += Self.pod("spec:\n  serviceAccountName: sa\n")
            if let pod { text += "  automountServiceAccountToken: \(pod)\n" }
            text += "  containers:\n  - name: app\n    image: example/app:1.0\n"
            return try H.kubernetesFindings(AutomountServiceAccountTokenRule.self, text)
        }
        #expect(try findings(nil, nil).count == 1)
        #expect(try findings("false", nil).isEmpty)
        #expect(try findings("true", nil).count == 1)
        #expect(try findings("false", "true").count == 1)
        #expect(try findings(nil, "false").isEmpty)
        #expect(try findings("true", "false").isEmpty)
    }

    @Test func automountFixSetsThePodField() throws {
        let workload = try H.single(
            try H.kubernetes(
                Self.pod(
                    """
                    spec:
                      automountServiceAccountToken: true
                      containers:
                      - name: app
                        image: example/app:1.0
                    """)))
        let finding = try #require(H.run(AutomountServiceAccountTokenRule.self, on: workload).first)
        let fix = try #require(finding.fix)
        #expect(fix.kind == .known, "the default service account has no permissions unless a binding grants them")
        let change = try #require(fix.changes.first)
        #expect(fix.changes.count == 1)
        #expect(change.scope == .pod)
        #expect(change.path == ["automountServiceAccountToken"])
        #expect(change.operation == .set(.bool(false)))
        #expect(change.target == workload.node)
        #expect(change.existing == workload.kubernetes?.automountServiceAccountToken?.node)
        #expect(H.position(finding) == "6:3")
    }
}
