/// The result of auditing the input under a policy.
public struct AnalysisResult: Sendable {
    public var loaded: LoadedInput
    public var policy: ResolvedPolicy
    /// Every finding, suppressed ones included, in report order.
    public var findings: [Finding]

    public init(loaded: LoadedInput, policy: ResolvedPolicy, findings: [Finding]) {
        self.loaded = loaded
        self.policy = policy
        self.findings = findings
    }

    /// The workloads with their YAML nodes (empty unless the analysis kept everything).
    public var workloads: [Workload] { loaded.workloads }
    /// What reports say of every workload, in input order.
    public var workloadSummaries: [WorkloadSummary] { loaded.workloadSummaries }
    public var diagnostics: [Diagnostic] { loaded.diagnostics }

    /// Findings that count: not suppressed.
    public var activeFindings: [Finding] { findings.filter { !$0.isSuppressed } }

    /// The exit code of `batten audit` / `check`: 2 when some input could not be analysed, 1 when an
    /// unsuppressed finding is at or above `threshold`, else 0.
    public func exitCode(threshold: Severity) -> Int32 {
        if loaded.hasErrors { return 2 }
        return activeFindings.contains { $0.severity >= threshold } ? 1 : 0
    }
}

/// Loads the input and audits it: the whole of `batten audit` but the printing.
public struct Analyzer: Sendable {
    public var policy: ResolvedPolicy
    public var today: String

    public init(policy: ResolvedPolicy, today: String = Auditor.todayUTC()) {
        self.policy = policy
        self.today = today
    }

    /// Loads and audits the input unit by unit (a Kubernetes file, the Compose files of a
    /// directory, the `-f` project); the findings are grouped by unit, in the order of the units'
    /// first files, and sorted by file, line, column and rule within a unit. With
    /// ``AnalysisRetention/report(quotesSource:)``, each unit's parsed files and workloads go as
    /// soon as it is audited, so that memory follows the largest unit rather than the whole input.
    public func run(
        _ request: AnalysisRequest, retention: AnalysisRetention = .everything,
        readStandardInput: () -> [UInt8] = InputCollector.readStandardInput
    ) -> AnalysisResult {
        let auditor = Auditor(policy: policy, today: today)
        let (loaded, findings) = InputLoader().run(
            request, auditor: auditor, retention: retention, readStandardInput: readStandardInput)
        return AnalysisResult(loaded: loaded, policy: policy, findings: findings)
    }

    /// ``run(_:retention:readStandardInput:)`` that hands each unit's findings to `each`, in
    /// report order, as soon as the units before it are done, and keeps none: memory then follows
    /// the units being worked on, not the whole input. `each` is called once at a time. With
    /// `quotesSource`, each part comes with its source files and secrets (for a text report's
    /// quoted lines). The result has no findings; count them as they go by (``FindingTally``).
    public func stream(
        _ request: AnalysisRequest, quotesSource: Bool = false,
        readStandardInput: () -> [UInt8] = InputCollector.readStandardInput, each: (AnalysisPart) -> Void
    ) -> AnalysisResult {
        let auditor = Auditor(policy: policy, today: today)
        let (loaded, _) = withoutActuallyEscaping(each) { each in
            InputLoader().run(
                request, auditor: auditor, retention: .report(quotesSource: quotesSource),
                readStandardInput: readStandardInput, each: each)
        }
        return AnalysisResult(loaded: loaded, policy: policy, findings: [])
    }

    /// The whole of a streamed `batten audit`: each part's findings, marked by `baseline` when one
    /// is given, counted and written by `reporter` to `output` as they go by, then the report
    /// finished and everything handed on. Returns the analysis (without findings) and the finished
    /// report's counts.
    public func stream(
        _ request: AnalysisRequest, into reporter: inout some Reporter, output: inout ReportOutput, threshold: Severity,
        baseline: BaselineMatcher? = nil, readStandardInput: () -> [UInt8] = InputCollector.readStandardInput
    ) -> (result: AnalysisResult, report: Report) {
        let empty = AnalysisResult(loaded: LoadedInput(), policy: policy, findings: [])
        reporter.begin(Report(result: empty, tally: FindingTally(threshold: threshold)), into: &output)
        var tally = FindingTally(threshold: threshold)
        var matcher = baseline
        let result = stream(request, quotesSource: reporter.quotesSource, readStandardInput: readStandardInput) { part in
            var findings = part.findings
            matcher?.apply(to: &findings)
            tally.add(findings)
            reporter.write(findings, of: part, into: &output)
        }
        let finished = Report(result: result, tally: tally, baseline: matcher?.outcome)
        reporter.finish(finished, into: &output)
        output.flush()
        return (result, finished)
    }
}

/// What an analysis keeps of each part of the input once it is audited.
public enum AnalysisRetention: Sendable, Equatable {
    /// Everything: the workloads with their YAML nodes, the Compose projects, every source file, the
    /// fixes' edits. What `batten fix`, `batten override` and SARIF's fixes need.
    case everything
    /// What the reports but SARIF need: the findings (fixes with title and kind, without their
    /// edits), the workload summaries, the sources of files with a located diagnostic, and — when
    /// `quotesSource` — every source and the secret values to mask in quoted lines.
    case report(quotesSource: Bool)
}
