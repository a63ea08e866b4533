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
