import Foundation
import Testing

/// A service behind a Compose profile that is not active is audited as `docker compose --profile`
/// runs it: a privileged service cannot pass the gate by hiding behind a profile. The production
/// override still hardens only the services of the active profiles and names the others.
@Suite struct InactiveProfileTests {
    static let compose = """
        services:
          web:
            image: nginx:1.27
            read_only: true
          debug:
            image: busybox:1.36
            privileged: true
            profiles: [debug]

        """

    static let note = "service debug runs only with profile debug, which is not active; audited as `docker compose --profile debug` runs it"

    static func project() throws -> URL {
        let scratch = try CLIHarness.temporaryDirectory("inactive-profile")
        try Data(compose.utf8).write(to: scratch.appendingPathComponent("compose.yaml"))
        return scratch
    }

    @Test func aPrivilegedServiceBehindAnInactiveProfileFailsTheGate() throws {
        let scratch = try Self.project()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try CLIHarness.run(["audit", "--policy", "production", "--color", "never", "."], in: scratch)
        #expect(run.status == 1, "stdout:\n\(run.stdout)\nstderr:\n\(run.stderr)")
        #expect(run.stdout.contains("critical[privileged-container] service debug"), "stdout:\n\(run.stdout)")
        #expect(run.stdout.contains("note: " + Self.note))
        let check = try CLIHarness.run(["check", "--policy", "production", "."], in: scratch)
        #expect(check.status == 1)
        #expect(check.stdout.contains("service debug"))
    }

    @Test func jsonAndSARIFCarryTheFindingAndItsNote() throws {
        let scratch = try Self.project()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let json = try CLIHarness.run(["audit", "--policy", "production", "--format", "json", "."], in: scratch)
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let privileged = findings.filter { ($0["rule"] as? String ?? $0["ruleId"] as? String) == "privileged-container" }
        #expect(privileged.count == 1, "findings: \(findings.map { $0["rule"] ?? $0["ruleId"] ?? "?" })")
        #expect((privileged.first?["notes"] as? [String])?.contains(Self.note) == true)

        let sarif = try CLIHarness.run(["audit", "--policy", "production", "--format", "sarif", "."], in: scratch)
        #expect(sarif.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let result = try #require(results.first { $0["ruleId"] as? String == "privileged-container" })
        let notes = (result["properties"] as? [String: Any])?["notes"] as? [String]
        #expect(notes?.contains(Self.note) == true)
    }

    @Test func theActiveProfileNeedsNoNote() throws {
        let scratch = try Self.project()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try CLIHarness.run(["audit", "--policy", "production", "--color", "never", "--profile", "debug", "."], in: scratch)
        #expect(run.status == 1)
        #expect(run.stdout.contains("critical[privileged-container] service debug"))
        #expect(!run.stdout.contains("which is not active"))
    }

    @Test func theOverrideStillHardensOnlyTheActiveServices() throws {
        let scratch = try Self.project()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try CLIHarness.run(["override", "--policy", "production", "."], in: scratch)
        #expect(run.status == 0 || run.status == 1, "stderr:\n\(run.stderr)")
        #expect(run.stdout.contains("Services of inactive profiles, not hardened: debug"), "stdout:\n\(run.stdout)")
        let body = run.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        #expect(body.contains("  web:"), "stdout:\n\(run.stdout)")
        #expect(!body.contains("debug"), "stdout:\n\(run.stdout)")
    }
}
