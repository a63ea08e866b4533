import ArgumentParser
import Batten
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit Compose projects and Kubernetes manifests.",
        discussion: "Exit codes: 0 no finding at or above the threshold, 1 findings at or above it, 2 some input could not be analysed."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let policy = try policyOptions.resolve()
        let result = Analyzer(policy: policy).run(input.request)
        DiagnosticPrinter(verbose: output.verbose).print(result.diagnostics, sources: result.loaded.sources)
        let report = Report(result: result, threshold: policyOptions.threshold(for: policy))
        try output.write(report)
        let code = result.exitCode(threshold: report.threshold)
        if code != 0 { throw ExitCode(code) }
    }
}
