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

    public var workloads: [Workload] { loaded.workloads }
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

    public func run(_ request: AnalysisRequest, readStandardInput: () -> [UInt8] = InputCollector.readStandardInput) -> AnalysisResult {
        let loaded = InputLoader().load(request, readStandardInput: readStandardInput)
        let findings = Auditor(policy: policy, today: today, jobs: request.jobs).audit(loaded.workloads)
        return AnalysisResult(loaded: loaded, policy: policy, findings: findings)
    }
}
