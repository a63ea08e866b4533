import Foundation
import Testing

/// Every report format on every sample, byte for byte. `BATTEN_UPDATE_GOLDEN=1 swift test`
/// rewrites the golden files instead.
@Suite struct GoldenTests {
    @Test(arguments: GoldenScenario.all)
    func reportsMatchTheGoldenFiles(_ scenario: GoldenScenario) throws {
        let (run, reports) = try scenario.run()
        #expect(run.status == scenario.expectedStatus, "exit status; stderr:\n\(run.stderr)")
        #expect(!run.stderr.contains(": error:"), "stderr:\n\(run.stderr)")
        let directory = scenario.directory(root: try CLIHarness.packageRoot())
        for (file, text) in reports.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(file)
            if GoldenScenario.updating {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
                continue
            }
            guard FileManager.default.fileExists(atPath: url.path) else {
                Issue.record("missing golden file \(url.path); run with BATTEN_UPDATE_GOLDEN=1 to create it")
                continue
            }
            let golden = try CLIHarness.read(url)
            if golden != text {
                Issue.record("\(scenario.name)/\(file) differs from the golden file: \(Self.firstDifference(golden, text))")
            }
        }
    }

    @Test func textToStandardOutputEqualsTextToAFile() throws {
        let scratch = try CLIHarness.temporaryDirectory("text")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("report.txt")
        let toFile = try CLIHarness.run([
            "audit", "--policy", "production", "--color", "never", "Samples/kubernetes/helm-rendered", "--format", "text",
            "--output", file.path,
        ])
        let toStandardOutput = try CLIHarness.run([
            "audit", "--policy", "production", "--color", "never", "Samples/kubernetes/helm-rendered",
        ])
        #expect(toFile.stdout.isEmpty)
        #expect(try CLIHarness.read(file) == toStandardOutput.stdout)
    }

    @Test func reportsAreTheSameOnEveryRun() throws {
        let scenario = try #require(GoldenScenario.all.first { $0.name == "kubernetes-webapp" })
        let first = try scenario.run().reports
        let second = try scenario.run().reports
        #expect(first == second)
    }

    @Test func goldenFilesHoldNoAbsolutePathOfThisMachine() throws {
        let root = try CLIHarness.packageRoot().path
        let temporary = FileManager.default.temporaryDirectory.path
        for (path, text) in try GoldenScenario.goldenReports() {
            #expect(!text.contains(root), "\(path) contains \(root)")
            #expect(!text.contains(temporary + "/"), "\(path) contains \(temporary)")
        }
    }

    /// `line N: golden … / actual …` for the first line that differs.
    static func firstDifference(_ golden: String, _ actual: String) -> String {
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expected.count, got.count) {
            let left = index < expected.count ? String(expected[index]) : "<end>"
            let right = index < got.count ? String(got[index]) : "<end>"
            if left != right { return "line \(index + 1):\n  golden: \(left)\n  actual: \(right)" }
        }
        return "same lines, different bytes"
    }
}
