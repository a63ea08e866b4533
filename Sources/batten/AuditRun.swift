import ArgumentParser
import Batten
import Foundation

/// What `audit` and `check` do: analyse, compare with a baseline, write the reports, and choose
/// the exit code.
struct AuditRun {
    var input: InputOptions
    var policyOptions: PolicyOptions
    var output: OutputOptions
    var baselineOptions: BaselineOptions
    /// The baseline used when none is given (check: `.batten-baseline.json` when it exists).
    var implicitBaseline: String?
    /// Source lines and remediations under each finding of the text report.
    var showsDetails: Bool

    func run() throws {
        let plan = try output.plan()
        let policy = try policyOptions.resolve()
        let analysis = Analyzer(policy: policy).run(input.request)
        DiagnosticPrinter(verbose: output.verbose).print(analysis.diagnostics, sources: analysis.loaded.sources)

        var result = analysis
        var outcome: BaselineOutcome?
        if let path = baselineOptions.baseline ?? implicitBaseline {
            (result, outcome) = try BaselineOptions.load(path).apply(to: result, path: path)
        }
        let report = Report(result: result, threshold: policyOptions.threshold(for: policy), baseline: outcome)
        try output.write(report, plan: plan, showsDetails: showsDetails, jobs: input.jobs)

        let code: Int32
        if let path = baselineOptions.writeBaseline {
            try BaselineOptions.write(result.findings, to: path)
            code = result.loaded.hasErrors ? 2 : 0
        } else {
            code = result.exitCode(threshold: report.threshold)
        }
        if code != 0 { throw ExitCode(code) }
    }
}
