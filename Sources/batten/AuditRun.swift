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
        let baselinePath = baselineOptions.baseline ?? implicitBaseline
        let protection = OutputProtection(input: input, policy: policyOptions, baseline: baselinePath, force: output.force)
        try protection.check(plan: plan, writeBaseline: baselineOptions.writeBaseline)
        let policy = try policyOptions.resolve()
        if streams(plan), let only = plan.outputs.first {
            // The files found while loading (an `include`, an `env_file`) are known once the report
            // is complete: one of them is not replaced by it.
            try stream(policy: policy, to: only) { read in
                try protection.check(plan: plan, writeBaseline: nil, read: [String](), log: read)
            }
            return
        }
        let read = FileReadLog()
        var request = input.request
        request.reader.log = read
        let analysis = Analyzer(policy: policy).run(request, retention: Self.retention(for: plan, showsDetails: showsDetails))
        DiagnosticPrinter(verbose: output.verbose).print(analysis.diagnostics, loaded: analysis.loaded)
        try protection.check(plan: plan, writeBaseline: baselineOptions.writeBaseline, read: analysis.loaded.sources.keys, log: read)

        var result = analysis
        var outcome: BaselineOutcome?
        // A baseline that cannot be used is an error (printed by `load`): the report still comes out,
        // without it, and the run exits with 2.
        var baselineFailed = false
        if let path = baselinePath {
            if let baseline = BaselineOptions.load(path) {
                (result, outcome) = baseline.apply(to: result, path: path)
            } else {
                baselineFailed = true
            }
        }
        let report = Report(result: result, threshold: policyOptions.threshold(for: policy), baseline: outcome)
        try output.write(report, plan: plan, showsDetails: showsDetails)

        var code: Int32
        if let path = baselineOptions.writeBaseline {
            try BaselineOptions.write(result.findings, to: path)
            code = result.loaded.hasErrors ? 2 : 0
        } else {
            code = result.exitCode(threshold: report.threshold)
        }
        if baselineFailed { code = 2 }
        if code != 0 { throw ExitCode(code) }
    }

    /// A lone JSON or text report (to standard output or a file) without `--write-baseline`:
    /// written while the analysis runs, each part of the input's findings as soon as it is audited.
    private func streams(_ plan: OutputPlan) -> Bool {
        guard plan.outputs.count == 1, let only = plan.outputs.first else { return false }
        return (only.format == .json || only.format == .text) && baselineOptions.writeBaseline == nil
    }

    /// The streamed report; the diagnostics follow it on standard error.
    /// `approve`, given the files the analysis read, runs before the report replaces a file, and
    /// stops it by throwing.
    private func stream(
        policy: ResolvedPolicy, to planned: OutputPlan.Output, approve: @escaping (FileReadLog) throws -> Void
    ) throws {
        let threshold = policyOptions.threshold(for: policy)
        var matcher: BaselineMatcher?
        var baselineFailed = false
        if let path = baselineOptions.baseline ?? implicitBaseline {
            if let baseline = BaselineOptions.load(path) {
                matcher = BaselineMatcher(baseline, path: path)
            } else {
                baselineFailed = true
            }
        }
        let analyzer = Analyzer(policy: policy)
        let read = FileReadLog()
        var request = input.request
        request.reader.log = read
        var outcome: (result: AnalysisResult, report: Report)?
        let write = { (sink: @escaping (UnsafeRawBufferPointer) -> Void) in
            var reporter = output.reporter(for: planned, showsDetails: showsDetails)
            var written = ReportOutput(to: sink)
            outcome = analyzer.stream(request, into: &reporter, output: &written, threshold: threshold, baseline: matcher)
        }
        var failed = false
        switch planned.destination {
        case .standardOutput:
            write { FileHandle.standardOutput.write(Data($0)) }
        case .file(let path):
            do {
                try OutputFile.stream(to: path, approve: { try approve(read) }, { sink in withoutActuallyEscaping(sink) { write($0) } })
            } catch let exit as ExitCode {
                throw exit
            } catch {
                CommandError.print("cannot write the \(planned.format.rawValue) report to \(path): \(error.localizedDescription)")
                failed = true
            }
        }
        guard let (result, report) = outcome else { throw BattenExit.couldNotAnalyse }
        DiagnosticPrinter(verbose: output.verbose).print(result.diagnostics, loaded: result.loaded)
        if failed { throw BattenExit.couldNotAnalyse }
        let code: Int32 = result.loaded.hasErrors || baselineFailed ? 2 : report.failingCount > 0 ? 1 : 0
        if code != 0 { throw ExitCode(code) }
    }

    /// Only SARIF needs the fixes' edits (and so the parsed files); only a text report with details
    /// quotes source lines. Everything else lets each part of the input go once it is audited.
    static func retention(for plan: OutputPlan, showsDetails: Bool) -> AnalysisRetention {
        if plan.outputs.contains(where: { $0.format == .sarif }) { return .everything }
        return .report(quotesSource: showsDetails && plan.outputs.contains { $0.format == .text })
    }
}
