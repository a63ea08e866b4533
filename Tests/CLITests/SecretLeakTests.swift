import Foundation
import Testing

/// The plaintext passwords of the samples never appear in any report.
@Suite struct SecretLeakTests {
    /// Written in the samples as values of secret variables.
    static let secrets = [
        "changeme",
        "app:app@",
        "POSTGRES_PASSWORD: postgres",
        "GF_SECURITY_ADMIN_PASSWORD: admin",
        "value: postgres",
        "value: changeme",
    ]

    @Test func noGoldenReportContainsASecret() throws {
        let reports = try GoldenScenario.goldenReports()
        #expect(reports.count >= GoldenScenario.all.count * 6)
        for (path, text) in reports {
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(path) contains \(secret)")
            }
        }
    }

    @Test func suppressedAndCompactReportsHideSecretsToo() throws {
        let scratch = try CLIHarness.temporaryDirectory("secrets")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for sample in ["Samples/compose/webapp", "Samples/kubernetes/webapp", "Samples/compose/monitoring"] {
            let baseline = scratch.appendingPathComponent("baseline.json")
            _ = try CLIHarness.run(["audit", "--policy", "production", sample, "--write-baseline", baseline.path])
            var outputs: [String] = [try CLIHarness.read(baseline)]
            for command in ["audit", "check"] {
                var arguments = [command, "--policy", "production", "--color", "always", "--show-suppressed", sample, "--baseline", baseline.path]
                for format in ["json", "sarif", "junit", "github", "markdown"] {
                    arguments += ["--format", format, "--output", scratch.appendingPathComponent(format).path]
                }
                let run = try CLIHarness.run(arguments + ["--format", "text"])
                outputs.append(run.stdout)
                outputs.append(run.stderr)
                for format in ["json", "sarif", "junit", "github", "markdown"] {
                    outputs.append(try CLIHarness.read(scratch.appendingPathComponent(format)))
                }
            }
            for output in outputs {
                for secret in Self.secrets {
                    #expect(!output.contains(secret), "\(sample): an output contains \(secret)")
                }
            }
        }
    }
}
