import Foundation
import Testing

/// Secrets written into a Kubernetes ConfigMap are `plaintext-secret` findings about the ConfigMap,
/// and their values never appear in any report, though text reports quote the lines they sit on.
@Suite struct ConfigMapSecretTests {
    /// Fake secrets, each distinctive enough to grep for: under a secret-looking key, in a URL, as
    /// the body of a PEM private key under an innocent key, and as a token under an innocent key.
    static let namedSecret = "BATTEN-FAKE-CONFIGMAP-SECRET-51c8"
    static let urlPassword = "BattenFakeUrlPass93"
    static let keyBody = "MHcCAQEEIBattenFakePemBodyNotAKeyAtAll0000000000000000000000000000"
    static let token = "ghp_BattenFakeToken4xQ9mK2wL7pZ3vN8tB5sY"
    static let secrets = [namedSecret, urlPassword, keyBody, token]

    static let manifest = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: api-settings
          namespace: shop
        data:
          LOG_LEVEL: info
          DB_PASSWORD: \(namedSecret)
          cache-url: redis://app:\(urlPassword)@cache:6379/0
          signing.pem: |
            -----BEGIN EC PRIVATE KEY-----
            \(keyBody)
            -----END EC PRIVATE KEY-----
          ci: \(token)
          api-token: $(API_TOKEN)
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: quiet
          annotations:
            batten.dev/ignore.plaintext-secret.ADMIN_PASSWORD: rotated test fixture
        data:
          ADMIN_PASSWORD: \(namedSecret)

        """

    static func project() throws -> URL {
        let directory = try CLIHarness.temporaryDirectory("configmap-secret")
        try Data(manifest.utf8).write(to: directory.appendingPathComponent("config.yaml"))
        return directory
    }

    static func expectNoSecret(_ run: CLIHarness.Run, _ what: String) {
        for secret in secrets {
            #expect(!run.stdout.contains(secret), "stdout of \(what) shows \(secret):\n\(run.stdout)")
            #expect(!run.stderr.contains(secret), "stderr of \(what) shows \(secret):\n\(run.stderr)")
        }
    }

    @Test func everyReportFindsTheSecretsWithoutShowingThem() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        for format in ["text", "json", "sarif", "junit", "github", "markdown"] {
            let run = try CLIHarness.run(
                ["audit", "--verbose", "--show-suppressed", "--color", "never", "--format", format, "config.yaml"], in: directory)
            #expect(run.status == 1, "audit --format \(format): \(run.status)\n\(run.stderr)")
            Self.expectNoSecret(run, "audit --format \(format)")
        }
        for command in [["fix"], ["fix", "--include", "decisions"], ["config"]] {
            let run = try CLIHarness.run(command + ["config.yaml"], in: directory)
            Self.expectNoSecret(run, "\(command)")
        }
    }

    @Test func textQuotesTheLinesMaskedAndListsTheDecision() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLIHarness.run(["audit", "--color", "never", "config.yaml"], in: directory)
        #expect(
            run.stdout.contains("config.yaml:8:3: high[plaintext-secret] ConfigMap shop/api-settings holds data key DB_PASSWORD with a literal value"),
            "\(run.stdout)")
        #expect(run.stdout.contains("DB_PASSWORD: ***"), "\(run.stdout)")
        #expect(
            run.stdout.contains(
                "config.yaml:10:3: high[plaintext-secret] ConfigMap shop/api-settings holds data key signing.pem with a value that looks like a PEM private key"
            ), "\(run.stdout)")
        #expect(run.stdout.contains("holds data key ci with a value that looks like a GitHub token"), "\(run.stdout)")
        #expect(run.stdout.contains("holds data key cache-url with a URL with an embedded password"), "\(run.stdout)")
        #expect(!run.stdout.contains("api-token"), "a placeholder is no secret:\n\(run.stdout)")
        #expect(!run.stdout.contains("ADMIN_PASSWORD"), "the suppressed key is reported:\n\(run.stdout)")
        #expect(run.stdout.contains("kubectl create secret generic api-settings --namespace shop --from-literal=DB_PASSWORD='<the-value>'"), "\(run.stdout)")
    }

    @Test func jsonNamesTheConfigMapAsTarget() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLIHarness.run(["audit", "--show-suppressed", "--format", "json", "config.yaml"], in: directory)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let secrets = findings.filter { $0["ruleId"] as? String == "plaintext-secret" }
        let settings = secrets.compactMap { $0["setting"] as? String }.sorted()
        #expect(settings == ["data.ADMIN_PASSWORD", "data.DB_PASSWORD", "data.cache-url", "data.ci", "data.signing.pem"], "\(settings)")
        for finding in secrets {
            let target = try #require(finding["target"] as? [String: Any])
            #expect(target["kind"] as? String == "ConfigMap")
            #expect(["api-settings", "quiet"].contains(target["name"] as? String ?? ""))
        }
        let suppressed = secrets.filter { $0["setting"] as? String == "data.ADMIN_PASSWORD" }
        #expect(suppressed.count == 1, "\(suppressed)")
    }

    @Test func aBaselineMatchesTheConfigMapFindings() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CLIHarness.run(["audit", "--write-baseline", "baseline.json", "config.yaml"], in: directory)
        let run = try CLIHarness.run(["audit", "--baseline", "baseline.json", "--format", "json", "config.yaml"], in: directory)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let baseline = try String(contentsOf: directory.appendingPathComponent("baseline.json"), encoding: .utf8)
        for secret in Self.secrets { #expect(!baseline.contains(secret), "the baseline holds \(secret)") }
    }
}
