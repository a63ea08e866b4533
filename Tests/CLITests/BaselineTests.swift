import Foundation
import Testing

/// `--write-baseline` then `--baseline` with the built binary: findings survive lines moving, a new
/// insecure setting is exactly one new finding, and a removed one is reported as fixed.
@Suite struct BaselineTests {
    /// A copy of a sample in a temporary directory.
    static func copy(_ sample: String) throws -> URL {
        let scratch = try CLIHarness.temporaryDirectory("baseline")
        let target = scratch.appendingPathComponent("project")
        try FileManager.default.copyItem(at: try CLIHarness.packageRoot().appendingPathComponent(sample), to: target)
        return target
    }

    static func json(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any])
    }

    /// Runs an audit in `directory` with the JSON report on standard output.
    static func audit(_ arguments: [String], in directory: URL) throws -> (run: CLIHarness.Run, report: [String: Any]) {
        let run = try CLIHarness.run(
            ["audit", "--policy", "production", "--fail-on", "low", "--format", "json"] + arguments, in: directory)
        return (run, try json(run.stdout))
    }

    static func activeFindings(_ report: [String: Any]) -> [[String: Any]] {
        ((report["findings"] as? [[String: Any]]) ?? []).filter { $0["suppressed"] is NSNull }
    }

    static func edit(_ url: URL, _ transform: (String) -> String) throws {
        let text = try CLIHarness.read(url)
        let edited = transform(text)
        #expect(edited != text, "the edit of \(url.lastPathComponent) changed nothing")
        try Data(edited.utf8).write(to: url)
    }

    @Test func composeRoundTrip() throws {
        let project = try Self.copy("Samples/compose/webapp")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let compose = project.appendingPathComponent("compose.yaml")

        let write = try CLIHarness.run(
            ["audit", "--policy", "production", "--fail-on", "low", "--write-baseline", "baseline.json", "compose.yaml"],
            in: project)
        #expect(write.status == 0, "\(write.stderr)")
        let baseline = try Self.json(try CLIHarness.read(project.appendingPathComponent("baseline.json")))
        #expect(baseline["version"] as? Int == 1)
        let entries = try #require(baseline["findings"] as? [[String: Any]])
        #expect(entries.count > 40)
        for entry in entries {
            #expect(entry["line"] == nil && entry["column"] == nil)
            for key in ["fingerprint", "ruleId", "file", "workload", "setting", "message"] {
                #expect(entry[key] is String, "baseline entry without \(key): \(entry)")
            }
        }

        let without = try Self.audit(["compose.yaml"], in: project)
        #expect(without.run.status == 1)
        #expect(Self.activeFindings(without.report).count >= entries.count)

        // Every line moves.
        try Self.edit(compose) { text in
            "# moved by the baseline test\n\n# every line below is now three lines further down\n"
                + text.replacingOccurrences(of: "  # --- data ---", with: "\n\n  # --- data ---")
        }
        let moved = try Self.audit(["--baseline", "baseline.json", "compose.yaml"], in: project)
        #expect(moved.run.status == 0, "\(moved.run.stderr)")
        #expect(Self.activeFindings(moved.report).isEmpty, "\(Self.activeFindings(moved.report))")
        let movedBaseline = try #require(moved.report["baseline"] as? [String: Any])
        #expect((movedBaseline["fixed"] as? [Any])?.isEmpty == true)
        for finding in (moved.report["findings"] as? [[String: Any]]) ?? [] {
            #expect((finding["suppressed"] as? [String: Any])?["source"] as? String == "baseline")
        }

        // A removed port is fixed (with it the unauthenticated Redis it published); nothing new.
        try Self.edit(compose) { $0.replacingOccurrences(of: "    ports:\n      - \"6379:6379\"\n", with: "") }
        let fixed = try Self.audit(["--baseline", "baseline.json", "compose.yaml"], in: project)
        #expect(fixed.run.status == 0, "\(fixed.run.stderr)")
        let fixedEntries = ((fixed.report["baseline"] as? [String: Any])?["fixed"] as? [[String: Any]]) ?? []
        #expect(fixedEntries.compactMap { $0["ruleId"] as? String }.sorted() == ["port-on-all-interfaces", "unauthenticated-service"])
        #expect(fixedEntries.allSatisfy { $0["workload"] as? String == "service redis" })
        let text = try CLIHarness.run(
            ["audit", "--policy", "production", "--color", "never", "--baseline", "baseline.json", "compose.yaml"], in: project)
        #expect(text.stdout.contains("2 fixed"), "\(text.stdout)")
        #expect(text.stdout.contains("fixed: compose.yaml: port-on-all-interfaces service redis"), "\(text.stdout)")

        // One insecure setting: exactly one new finding, and the gate fails.
        try Self.edit(compose) { $0.replacingOccurrences(of: "\n  db:\n", with: "\n  db:\n    privileged: true\n") }
        let added = try Self.audit(["--baseline", "baseline.json", "compose.yaml"], in: project)
        #expect(added.run.status == 1, "\(added.run.stderr)")
        let new = Self.activeFindings(added.report)
        #expect(new.count == 1, "\(new)")
        #expect(new.first?["ruleId"] as? String == "privileged-container")
        #expect((new.first?["target"] as? [String: Any])?["name"] as? String == "db")
    }

    @Test func kubernetesLinesMove() throws {
        let project = try Self.copy("Samples/kubernetes/webapp")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let write = try CLIHarness.run(
            ["audit", "--policy", "production", "--write-baseline", "baseline.json", "."], in: project)
        #expect(write.status == 0, "\(write.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: project.path).filter { $0.hasSuffix(".yaml") }
        for file in files {
            try Self.edit(project.appendingPathComponent(file)) { "# a comment that moves every line\n\n" + $0 }
        }
        let moved = try Self.audit(["--baseline", "baseline.json", "."], in: project)
        #expect(moved.run.status == 0, "\(moved.run.stderr)")
        #expect(Self.activeFindings(moved.report).isEmpty, "\(Self.activeFindings(moved.report))")

        try Self.edit(project.appendingPathComponent("redis.yaml")) { text in
            text.replacingOccurrences(of: "    spec:\n", with: "    spec:\n      hostPID: true\n")
        }
        let added = try Self.audit(["--baseline", "baseline.json", "."], in: project)
        #expect(added.run.status == 1)
        let new = Self.activeFindings(added.report)
        #expect(new.map { $0["ruleId"] as? String } == ["host-namespaces"], "\(new)")
    }

    @Test func checkFindsTheProjectBaseline() throws {
        let project = try Self.copy("Samples/kubernetes/helm-rendered")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        #expect(try CLIHarness.run(["check", "--policy", "production", "."], in: project).status == 1)
        let write = try CLIHarness.run(
            ["audit", "--policy", "production", "--write-baseline", ".batten-baseline.json", "."], in: project)
        #expect(write.status == 0)
        let check = try CLIHarness.run(["check", "--policy", "production", "--color", "never", "."], in: project)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("baseline .batten-baseline.json: 20 of 20 recorded findings still present, 0 fixed"), "\(check.stdout)")
    }

    @Test func anUnreadableBaselineIsAnError() throws {
        let scratch = try CLIHarness.temporaryDirectory("bad-baseline")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data("{\"version\": 7, \"findings\": []}".utf8).write(to: scratch.appendingPathComponent("future.json"))
        try Data("not json".utf8).write(to: scratch.appendingPathComponent("garbage.json"))
        let root = try CLIHarness.packageRoot()
        for (file, message) in [("future.json", "version 7"), ("garbage.json", "not a Batten baseline"), ("missing.json", "cannot read")] {
            let run = try CLIHarness.run([
                "audit", "--policy", "production", root.appendingPathComponent("Samples/compose/hardened").path,
                "--baseline", scratch.appendingPathComponent(file).path,
            ])
            #expect(run.status == 2, "\(file)")
            #expect(run.stderr.contains(message), "\(file): \(run.stderr)")
        }
    }
}
