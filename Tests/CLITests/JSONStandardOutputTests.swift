import Foundation
import Testing

/// The JSON report goes to standard output as it is rendered; the text must be the golden file's,
/// on one thread and on several.
@Suite struct JSONStandardOutputTests {
    @Test(arguments: ["compose-webapp", "kubernetes-helm-rendered", "kubernetes-webapp"])
    func jsonToStandardOutputEqualsTheGoldenFile(_ name: String) throws {
        let scenario = try #require(GoldenScenario.all.first { $0.name == name })
        let golden = try CLIHarness.read(
            scenario.directory(root: try CLIHarness.packageRoot()).appendingPathComponent("report.json"))
        for jobs in ["1", "3"] {
            let run = try CLIHarness.run(
                ["audit", "--policy", "production", "--jobs", jobs] + scenario.input + scenario.flags + ["--format", "json"])
            #expect(run.status == scenario.expectedStatus, "stderr:\n\(run.stderr)")
            #expect(run.stdout == golden, "\(name) on \(jobs) jobs")
        }
    }
}

/// A lone JSON or text report is written while the analysis runs, to standard output or to a
/// file, with or without a baseline; it must be the report written with another report beside it
/// (which keeps the findings until the end), for `audit` and for `check`.
@Suite struct StreamedReportTests {
    @Test(arguments: ["json", "text"], ["audit", "check"])
    func streamedAndKeptReportsAreTheSame(_ format: String, _ command: String) throws {
        let root = try CLIHarness.packageRoot()
        let scratch = try CLIHarness.temporaryDirectory("streamed-\(format)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let samples = root.appendingPathComponent("Samples").path
        let baseline = scratch.appendingPathComponent("baseline.json").path
        // A baseline of the Compose samples only: the Kubernetes findings stay new.
        let recorded = try CLIHarness.run(
            ["audit", "--policy", "production", "--write-baseline", baseline, root.appendingPathComponent("Samples/compose").path])
        #expect(recorded.status == 0, "stderr:\n\(recorded.stderr)")
        let other = format == "json" ? "text" : "json"
        for extra in [[], ["--baseline", baseline], ["--show-suppressed", "--baseline", baseline]] {
            let kept = scratch.appendingPathComponent("kept").path
            let streamed = scratch.appendingPathComponent("streamed").path
            let common = [command, "--policy", "production", "--color", "never", samples] + extra
            let both = try CLIHarness.run(
                common + ["--format", format, "--output", kept, "--format", other, "--output", scratch.appendingPathComponent("other").path])
            let toFile = try CLIHarness.run(common + ["--format", format, "--output", streamed])
            let toStandardOutput = try CLIHarness.run(common + ["--format", format])
            let expected = try CLIHarness.read(URL(fileURLWithPath: kept))
            #expect(expected.contains(format == "json" ? "\"ruleId\"" : "[privileged-container]"))
            #expect(try CLIHarness.read(URL(fileURLWithPath: streamed)) == expected, "\(extra)")
            #expect(toStandardOutput.stdout == expected, "\(extra)")
            #expect(toFile.status == both.status && toStandardOutput.status == both.status)
            #expect(toFile.stderr == both.stderr && toStandardOutput.stderr == both.stderr)
            if !extra.isEmpty { #expect(expected.contains(format == "json" ? "\"matched\"" : "baseline ")) }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test(arguments: ["json", "text"])
    func aReportThatCannotBeWrittenExitsTwo(_ format: String) throws {
        let root = try CLIHarness.packageRoot()
        let run = try CLIHarness.run(
            ["audit", "--format", format, "--output", "/nonexistent-batten-dir/report", root.appendingPathComponent("Samples/compose/webapp").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write the \(format) report to /nonexistent-batten-dir/report"))
    }
}
