/// What every reporter renders: the analysis, the threshold that decides the exit code, the rules
/// the policy ran and, when a baseline was given, what it matched.
///
/// Everything a reporter needs more than once is computed here, once, so that each reporter stays
/// linear in the number of findings.
public struct Report: Sendable {
    /// The analysis, with a baseline's suppressions applied when one was given.
    public let result: AnalysisResult
    /// Active findings at or above this severity fail the gate.
    public let threshold: Severity
    /// The version written into reports.
    public let toolVersion: String
    /// The baseline the findings were compared with, if any.
    public let baseline: BaselineOutcome?
    /// Findings that count: not suppressed, in report order.
    public let activeFindings: [Finding]
    /// Active findings by severity (every level present, zero when none).
    public let severityTotals: [Severity: Int]
    /// Active findings at or above the threshold.
    public let failingCount: Int
    /// The enabled rules, in registry order, with the severity the policy gives them.
    public let enabledRules: [RuleDescription]
    /// Values of secrets in the input, to be masked wherever source text is shown.
    public let secrets: SecretRedaction

    private let rulesByID: [String: RuleDescription]
    private let rulesByFormat: [InputFormat: [RuleDescription]]
    private let workloadsByID: [String: Workload]
    private let uniqueWorkloads: [Workload]
    private let failingFamilies: [String: Set<ControlFamily>]
    private let applicableFamilies: [InputFormat: Set<ControlFamily>]

    public init(
        result: AnalysisResult, threshold: Severity, baseline: BaselineOutcome? = nil,
        toolVersion: String = BattenVersion.current
    ) {
        self.result = result
        self.threshold = threshold
        self.baseline = baseline
        self.toolVersion = toolVersion

        let active = result.findings.filter { !$0.isSuppressed }
        self.activeFindings = active
        var totals: [Severity: Int] = [:]
        for level in Severity.allCases { totals[level] = 0 }
        for finding in active { totals[finding.severity, default: 0] += 1 }
        self.severityTotals = totals
        self.failingCount = active.reduce(0) { $0 + ($1.severity >= threshold ? 1 : 0) }

        var byID: [String: RuleDescription] = [:]
        for rule in RuleRegistry.all {
            var description = rule.description
            if let severity = result.policy.rules[description.id]?.severity { description.severity = severity }
            byID[description.id] = description
        }
        self.rulesByID = byID

        var enabled: [RuleDescription] = []
        var byFormat: [InputFormat: [RuleDescription]] = [:]
        var applicable: [InputFormat: Set<ControlFamily>] = [:]
        for rule in result.policy.enabledRules() {
            guard let description = byID[rule.context.ruleID] else { continue }
            enabled.append(description)
            for format in InputFormat.allCases where rule.formats.contains(format) {
                byFormat[format, default: []].append(description)
                applicable[format, default: []].insert(description.family)
            }
        }
        self.enabledRules = enabled
        self.rulesByFormat = byFormat
        self.applicableFamilies = applicable

        var workloads: [String: Workload] = [:]
        var unique: [Workload] = []
        for workload in result.workloads where workloads[workload.id] == nil {
            workloads[workload.id] = workload
            unique.append(workload)
        }
        self.workloadsByID = workloads
        self.uniqueWorkloads = unique

        var failing: [String: Set<ControlFamily>] = [:]
        for finding in active {
            if let family = byID[finding.ruleID]?.family { failing[finding.workloadID, default: []].insert(family) }
        }
        self.failingFamilies = failing
        self.secrets = SecretRedaction(workloads: result.workloads, policy: result.policy)
    }

    /// Every finding, suppressed ones included, in report order.
    public var findings: [Finding] { result.findings }
    /// Errors, warnings and notes about the input.
    public var diagnostics: [Diagnostic] { result.diagnostics }
    /// The workloads analysed, in input order.
    /// The workloads, each once: a service that two Compose projects of one directory share (the
    /// default files, and the project file with `compose.prod.yaml`) is one row, failing in a family
    /// when either project does.
    public var workloads: [Workload] { uniqueWorkloads }

    /// Diagnostics that mean some input could not be analysed.
    public var errors: [Diagnostic] { result.diagnostics.filter { $0.level == .error } }

    /// Number of suppressed findings.
    public var suppressedCount: Int { result.findings.count - activeFindings.count }

    /// True when no active finding is at or above the threshold and every input was analysed.
    public var passes: Bool { failingCount == 0 && !result.loaded.hasErrors }

    /// The description of a rule (with the policy's severity), or nil for an unknown id.
    public func rule(_ id: String) -> RuleDescription? { rulesByID[id] }

    /// The workload a finding is about.
    public func workload(_ id: String) -> Workload? { workloadsByID[id] }

    /// The enabled rules that run on `format`, in registry order.
    public func rules(for format: InputFormat) -> [RuleDescription] { rulesByFormat[format] ?? [] }

    /// Active findings by severity, most severe first, with zero counts left out.
    public var severityCounts: [(Severity, Int)] {
        Severity.allCases.reversed().compactMap { level in
            let count = severityTotals[level] ?? 0
            return count == 0 ? nil : (level, count)
        }
    }

    /// Per workload and control family: nil when no enabled rule of the family applies, else
    /// whether the workload passes.
    public func familyResults(for workload: Workload) -> [(ControlFamily, Bool?)] {
        let failing = failingFamilies[workload.id] ?? []
        let applicable = applicableFamilies[workload.format] ?? []
        return ControlFamily.reported.map { family in
            guard applicable.contains(family) else { return (family, nil) }
            return (family, !failing.contains(family))
        }
    }
}

extension ControlFamily {
    /// The families of the per-workload table (meta rules are about the manifest, not the workload).
    public static let reported: [ControlFamily] = allCases.filter { $0 != .meta }
}
