import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Policy exemptions suppress matching findings with their reason until they expire.
struct ExemptionTests {
    static let compose = """
        services:
          exporter:
            image: prom/node-exporter:v1.8.2
            pid: host
          web:
            image: nginx:1.27
            pid: host
        """

    static func audit(exemptions: [Exemption], today: String) throws -> [Finding] {
        var policy = ResolvedPolicy.only([HostNamespacesRule.self])
        policy.exemptions = exemptions
        let directory = try TemporaryDirectory.make("exempt")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.compose.utf8).write(to: directory.appendingPathComponent("compose.yaml"))
        let loaded = InputLoader().load(AnalysisRequest(paths: [directory.path], environment: [:]))
        return Auditor(policy: policy, today: today, registry: [HostNamespacesRule.self]).audit(loaded.workloads)
    }

    @Test func exemptionSuppressesItsTargetOnly() throws {
        let exemption = Exemption(
            rule: "host-namespaces", target: ExemptionTarget(service: "exporter"), reason: "reads host metrics",
            expires: "2027-01-01", origin: "policy.yaml")
        let findings = try Self.audit(exemptions: [exemption], today: "2026-06-01")
        #expect(findings.count == 2)
        #expect(findings.first { $0.target.name == "exporter" }?.suppression == Suppression(source: .policy, reason: "reads host metrics"))
        #expect(findings.first { $0.target.name == "web" }?.suppression == nil)
    }

    @Test func expiredExemptionStopsSuppressingAndSaysSo() throws {
        let exemption = Exemption(
            rule: "host-namespaces", target: ExemptionTarget(service: "exporter"), reason: "reads host metrics",
            expires: "2026-01-01", origin: "policy.yaml")
        let findings = try Self.audit(exemptions: [exemption], today: "2026-06-01")
        let exporter = try #require(findings.first { $0.target.name == "exporter" })
        #expect(exporter.suppression == nil)
        #expect(exporter.notes == ["policy exemption expired on 2026-01-01 (reads host metrics)"])
    }

    @Test func fileGlobAndWildcardRule() throws {
        let exemption = Exemption(
            rule: "*", target: ExemptionTarget(file: "**/compose.yaml"), reason: "lab machine", origin: "policy.yaml")
        let findings = try Self.audit(exemptions: [exemption], today: "2026-06-01")
        #expect(findings.allSatisfy { $0.isSuppressed })
    }

    @Test(arguments: [
        ("compose.yaml", "/a/b/compose.yaml", true), ("monitoring/*.yaml", "x/monitoring/c.yaml", true),
        ("monitoring/*.yaml", "x/monitoring/deep/c.yaml", false), ("**/dev/*.yaml", "a/dev/x.yaml", true),
        ("c?mpose.yaml", "compose.yaml", true), ("/abs/*.yaml", "/abs/x.yaml", true), ("/abs/*.yaml", "/other/abs/x.yaml", false),
    ])
    func globs(_ pattern: String, _ path: String, _ matches: Bool) {
        #expect(GlobPattern(pattern).matches(path) == matches)
    }
}
