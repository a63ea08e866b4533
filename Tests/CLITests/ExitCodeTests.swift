import Foundation
import Testing

/// 0 clean, 1 a finding at or above the threshold, 2 some input could not be analysed.
@Suite struct ExitCodeTests {
    static func audit(_ arguments: [String]) throws -> CLIHarness.Run {
        try CLIHarness.run(["audit", "--policy", "production", "--color", "never"] + arguments)
    }

    @Test func cleanSamplesExitZero() throws {
        #expect(try Self.audit(["Samples/compose/hardened"]).status == 0)
        #expect(try Self.audit(["Samples/kubernetes/hardened"]).status == 0)
        #expect(try Self.audit(["Samples/kubernetes/hardened", "--fail-on", "info"]).status == 0)
    }

    @Test func findingsAtTheThresholdExitOne() throws {
        #expect(try Self.audit(["Samples/compose/webapp"]).status == 1)
        #expect(try Self.audit(["Samples/kubernetes/webapp", "--fail-on", "critical"]).status == 1)
    }

    @Test func findingsBelowTheThresholdExitZero() throws {
        let run = try Self.audit(["Samples/kubernetes/helm-rendered", "--fail-on", "critical"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("failing at critical"))
    }

    @Test func checkIsAnAuditWithCompactText() throws {
        let run = try CLIHarness.run(["check", "--policy", "production", "--color", "never", "Samples/kubernetes/helm-rendered"])
        #expect(run.status == 1)
        #expect(!run.stdout.contains("    fix: "))
        #expect(run.stdout.contains("Samples/kubernetes/helm-rendered/rendered.yaml:"))
        #expect(try CLIHarness.run(["check", "--policy", "production", "Samples/compose/hardened"]).status == 0)
    }

    @Test func brokenYAMLExitsTwoAndTheOtherFilesAreStillAudited() throws {
        let scratch = try CLIHarness.temporaryDirectory("broken")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n".utf8).write(to: scratch.appendingPathComponent("broken.yaml"))
        try FileManager.default.copyItem(
            at: try CLIHarness.packageRoot().appendingPathComponent("Samples/kubernetes/helm-rendered/rendered.yaml"),
            to: scratch.appendingPathComponent("rendered.yaml"))
        let run = try CLIHarness.run(
            ["audit", "--policy", "production", "broken.yaml", "rendered.yaml", "--format", "json"], in: scratch)
        #expect(run.status == 2)
        let errorLine = run.stderr.split(separator: "\n").first { $0.hasPrefix("broken.yaml:") }
        let prefix = errorLine.map { $0.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false) }
        #expect(prefix?.count == 4 && Int(prefix?[1] ?? "") != nil && Int(prefix?[2] ?? "") != nil, "stderr:\n\(run.stderr)")
        #expect(errorLine?.contains(": error: ") == true, "stderr:\n\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.first?["file"] as? String == "broken.yaml")
        #expect(errors.first?["line"] is Int)
        #expect(((report["findings"] as? [Any]) ?? []).count > 0)
        #expect((report["summary"] as? [String: Any])?["passed"] as? Bool == false)
    }

    @Test func writingABaselineExitsZero() throws {
        let scratch = try CLIHarness.temporaryDirectory("write-baseline")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try Self.audit(["Samples/compose/webapp", "--write-baseline", scratch.appendingPathComponent("b.json").path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("recorded"))
    }
}
