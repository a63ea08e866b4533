import Foundation
import Testing

@testable import Batten

/// Host access an image profile declares (`host-access`): still reported, at low severity with the
/// profile's reason and no fix that removes it; a writable mount of a path the image needs read-only
/// keeps its finding with a `known` read-only fix; a runtime socket keeps its severity.
struct DeclaredHostAccessTests {
    static func findings(_ compose: String, rules: [any Rule.Type]) throws -> [Finding] {
        try ExampleRunner.run(compose, format: .compose, rules: rules).findings
    }

    static let nodeExporter = """
        services:
          node-exporter:
            image: quay.io/prometheus/node-exporter:v1.8.2
            command: [--path.rootfs=/host]
            network_mode: host
            pid: host
            volumes:
              - /:/host:ro,rslave
              - /proc:/host/proc:ro
              - /sys:/host/sys

        """

    @Test func aDeclaredSensitivePathIsLowWithTheProfilesReason() throws {
        let findings = try Self.findings(Self.nodeExporter, rules: [SensitiveHostPathRule.self])
        #expect(findings.count == 3)
        let root = try #require(findings.first { $0.message.contains("the host path / (") })
        #expect(root.severity == .low)
        #expect(root.message.contains("the node-exporter image profile declares it: the exporter reads the host's filesystems"))
        #expect(root.fix == nil)
        let sys = try #require(findings.first { $0.message.contains("(bind mount /sys)") })
        #expect(sys.severity == .critical, "a writable mount of a read-only need keeps its severity")
        #expect(sys.message.contains("needs it read-only only"))
        let fix = try #require(sys.fix)
        #expect(fix.kind == .known && fix.reason == "the node-exporter image profile")
        guard case .replaceItem(_, let replacement) = fix.changes.first?.operation else {
            Issue.record("expected a replaced volumes item")
            return
        }
        #expect(replacement.scalarText == "/sys:/host/sys:ro")
    }

    @Test func declaredNamespacesAreLow() throws {
        let findings = try Self.findings(Self.nodeExporter, rules: [HostNamespacesRule.self])
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.severity == .low && $0.message.contains("the node-exporter image profile declares it") })
        let other = try Self.findings(
            "services:\n  cadvisor:\n    image: gcr.io/cadvisor/cadvisor:v0.49.1\n    pid: host\n    ipc: host\n", rules: [HostNamespacesRule.self])
        #expect(other.map(\.severity).sorted() == [.high, .critical], "cAdvisor declares no namespace")
    }

    @Test func aNamespaceOrPathOfAnImageWithoutTheDeclarationKeepsItsSeverity() throws {
        let compose = Self.nodeExporter.replacingOccurrences(of: "quay.io/prometheus/node-exporter:v1.8.2", with: "example/exporter:1.0")
        #expect(try Self.findings(compose, rules: [HostNamespacesRule.self]).map(\.severity).sorted() == [.high, .critical])
        #expect(try Self.findings(compose, rules: [SensitiveHostPathRule.self]).allSatisfy { $0.severity == .critical })
    }

    @Test func promtailsLogDirectories() throws {
        let compose = """
            services:
              promtail:
                image: grafana/promtail:3.2.0
                volumes:
                  - /var/log:/var/log
                  - /var/log/nginx:/logs/nginx:ro
                  - /var/lib/docker/containers:/var/lib/docker/containers:ro

            """
        let binds = try Self.findings(compose, rules: [BindMountRule.self])
        #expect(binds.count == 2)
        let writable = try #require(binds.first { $0.message.contains("writable") })
        #expect(writable.severity == .medium && writable.fix?.kind == .known)
        let nginx = try #require(binds.first { $0.message.contains("/var/log/nginx") })
        #expect(nginx.severity == .low && nginx.fix == nil && nginx.message.contains("the promtail image profile declares it"))
        let sensitive = try Self.findings(compose, rules: [SensitiveHostPathRule.self])
        #expect(sensitive.count == 1)
        #expect(sensitive.first?.severity == .low)
        #expect(sensitive.first?.message.contains("Docker containers") == true)
    }

    @Test func aDeclaredRuntimeSocketKeepsItsSeverity() throws {
        let compose = """
            services:
              cadvisor:
                image: gcr.io/cadvisor/cadvisor:v0.49.1
                volumes:
                  - /var/run:/var/run:ro
              exporter:
                image: prom/node-exporter:v1.8.2
                volumes:
                  - /var/run/docker.sock:/var/run/docker.sock:ro

            """
        let findings = try Self.findings(compose, rules: [RuntimeSocketRule.self])
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.severity == .critical })
        let cadvisor = try #require(findings.first { $0.message.contains("cadvisor") })
        #expect(cadvisor.message.contains("the cadvisor image profile declares it") && cadvisor.message.contains("keeps its severity"))
        let exporter = try #require(findings.first { !$0.message.contains("cadvisor") })
        #expect(!exporter.message.contains("declares"), "`/` read-only never covers a socket")
    }

    @Test func kubernetesHostPathsOfADeclaringImageAreLow() throws {
        let manifest = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-exporter
            spec:
              selector:
                matchLabels: {app: node-exporter}
              template:
                metadata:
                  labels: {app: node-exporter}
                spec:
                  hostPID: true
                  hostNetwork: true
                  containers:
                  - name: exporter
                    image: quay.io/prometheus/node-exporter:v1.8.2
                    volumeMounts:
                    - {name: root, mountPath: /host, readOnly: true}
                  volumes:
                  - name: root
                    hostPath: {path: /}

            """
        let findings = try ExampleRunner.run(manifest, format: .kubernetes, rules: [SensitiveHostPathRule.self, HostNamespacesRule.self]).findings
        #expect(findings.count == 3)
        #expect(findings.allSatisfy { $0.severity == .low }, "\(findings.map(\.message))")
    }
}
