import Foundation
import Testing

/// An object skipped because its kind is unknown, or because its `apiVersion` does not serve its
/// kind, is a located warning in every report by default, and it does not change the exit code.
@Suite struct SkippedKindWarningTests {
    static let manifest = """
        apiVersion: v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
              - name: web
                image: nginx:1.27
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: gadget

        """

    static let mismatch = "skipped v1 Deployment web: apiVersion v1 does not serve Deployment"
    static let widget = "skipped custom resource example.com/v1 Widget gadget"

    static func project() throws -> URL {
        let scratch = try CLIHarness.temporaryDirectory("skipped-kind")
        try Data(manifest.utf8).write(to: scratch.appendingPathComponent("manifest.yaml"))
        return scratch
    }

    @Test func textShowsTheWarningsWithoutVerbose() throws {
        let scratch = try Self.project()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try CLIHarness.run(["audit", "--color", "never", "manifest.yaml"], in: scratch)
        #expect(run.status == 0, "stderr:\n\(run.stderr)")
        #expect(run.stderr.contains("manifest.yaml:1:13: warning: " + Self.mismatch), "stderr:\n\(run.stderr)")
        #expect(run.stderr.contains("manifest.yaml:13:7: warning: " + Self.widget), "stderr:\n\(run.stderr)")
    }

    @Test func jsonAndSARIFCarryTheWarnings() throws {
        let scratch = try Self.project()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let json = try CLIHarness.run(["audit", "--format", "json", "manifest.yaml"], in: scratch)
        #expect(json.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let warnings = try #require(report["warnings"] as? [[String: Any]])
        let messages = warnings.compactMap { $0["message"] as? String }
        #expect(messages.contains { $0.hasPrefix(Self.mismatch) }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix(Self.widget) }, "\(messages)")
        #expect(warnings.first?["line"] as? Int == 1)

        let sarif = try CLIHarness.run(["audit", "--format", "sarif", "manifest.yaml"], in: scratch)
        #expect(sarif.status == 0)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let invocations = try #require(run["invocations"] as? [[String: Any]])
        let notifications = invocations.flatMap { $0["toolExecutionNotifications"] as? [[String: Any]] ?? [] }
        let texts = notifications.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(texts.contains { $0.hasPrefix(Self.mismatch) }, "\(texts)")
        #expect(texts.contains { $0.hasPrefix(Self.widget) }, "\(texts)")
        #expect(notifications.allSatisfy { $0["level"] as? String == "warning" })
    }
}
