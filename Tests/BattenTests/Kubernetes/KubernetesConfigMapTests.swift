import BattenYAML
import Testing

@testable import Batten

/// ConfigMaps are loaded with their `data` and `binaryData` keys, and the rules that look at them
/// report on the ConfigMap, with its inline suppressions and the policy's exemptions applied.
struct KubernetesConfigMapTests {
    static let manifest = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ConfigMap
          metadata:
            name: settings
            namespace: shop
            annotations:
              batten.dev/ignore.plaintext-secret.OLD_TOKEN: rotated long ago
          data:
            LOG_LEVEL: info
            DB_PASSWORD: s3cr3t-value
            OLD_TOKEN: another-s3cr3t
            EMPTY:
            PORT: 8080
            nested: {not: a string}
          binaryData:
            keystore.password: aHVudGVyMg==
        - apiVersion: example.com/v1
          kind: ConfigMap
          metadata:
            name: not-core
          data:
            DB_PASSWORD: s3cr3t-value

        """

    @Test func loadsDataAndBinaryKeysWithTheirNodes() throws {
        let result = try loadKubernetes(Self.manifest)
        #expect(result.errors.isEmpty, "\(result.diagnostics)")
        try #require(result.configMaps.count == 1)
        let configMap = try #require(result.configMaps.first)
        #expect(configMap.name == "settings" && configMap.namespace == "shop")
        #expect(
            configMap.entries.map(\.setting) == [
                "data.LOG_LEVEL", "data.DB_PASSWORD", "data.OLD_TOKEN", "data.EMPTY", "data.PORT", "binaryData.keystore.password",
            ])
        let password = try #require(configMap.entries.first { $0.key == "DB_PASSWORD" })
        #expect(password.value == "s3cr3t-value")
        #expect(password.node.start.line == lineNumber(of: "DB_PASSWORD: s3cr3t", in: Self.manifest))
        let empty = try #require(configMap.entries.first(where: { $0.key == "EMPTY" }))
        #expect(empty.value.isEmpty)
        #expect(configMap.suppressions.map(\.container) == ["OLD_TOKEN"])
    }

    static func audit(_ policy: ResolvedPolicy) throws -> [Finding] {
        let result = try loadKubernetes(Self.manifest)
        return Auditor(policy: policy, today: "2026-06-01").audit(result.workloads, configMaps: result.configMaps)
    }

    @Test func findingsAreAboutTheConfigMapAndNeverShowTheValue() throws {
        let findings = try Self.audit(ResolvedPolicy.only([PlaintextSecretRule.self]))
        #expect(findings.map(\.setting) == ["data.DB_PASSWORD", "data.OLD_TOKEN", "binaryData.keystore.password"])
        for finding in findings {
            #expect(finding.target == FindingTarget(format: .kubernetes, kind: "ConfigMap", name: "settings", namespace: "shop"))
            #expect(!finding.message.contains("s3cr3t"), "\(finding.message)")
            #expect(finding.fix?.kind == .decision && finding.fix?.changes.isEmpty == true)
            let snippet = (finding.fix?.snippet ?? []).joined(separator: "\n")
            #expect(!snippet.contains("s3cr3t"))
            #expect(finding.workloadID == "kubernetes:test.yaml:ConfigMap:shop:settings")
        }
        #expect(findings.first?.severity == .high)
        #expect(findings.map { $0.suppression?.source } == [nil, .inline, nil])
    }

    @Test func anExemptionCoversTheConfigMap() throws {
        var policy = ResolvedPolicy.only([PlaintextSecretRule.self])
        policy.exemptions = [
            Exemption(
                rule: "plaintext-secret", target: ExemptionTarget(kind: "ConfigMap", name: "settings"), reason: "test fixtures",
                origin: "policy.yaml")
        ]
        let findings = try Self.audit(policy)
        #expect(findings.count == 3)
        #expect(findings.allSatisfy { $0.isSuppressed })
    }

    @Test func aDisabledRuleLooksAtNoConfigMap() throws {
        let findings = try Self.audit(ResolvedPolicy.only([HostNamespacesRule.self]))
        #expect(findings.isEmpty)
    }
}
