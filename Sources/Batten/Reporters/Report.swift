import Foundation

/// What every reporter renders: the analysis, the threshold that decides the exit code, the rules
/// the policy ran and, when a baseline was given, what it matched.
///
/// Everything a reporter needs more than once is computed here, once, so that each reporter stays
/// linear in the number of findings.
public struct Report: Sendable {
    /// The analysis, with a baseline's suppressions applied when one was given.
    public let result: AnalysisResult
    /// Active findings at or above this severity fail the gate.
    public var threshold: Severity { tally.threshold }
    /// The version written into reports.
    public let toolVersion: String
    /// The baseline the findings were compared with, if any.
    public let baseline: BaselineOutcome?
    /// The counts of the findings.
    public let tally: FindingTally
    /// Number of findings that count (not suppressed).
    public var activeCount: Int { tally.active }
    /// Active findings by severity (every level present, zero when none).
    public var severityTotals: [Severity: Int] { tally.bySeverity }
    /// Active findings at or above the threshold.
    public var failingCount: Int { tally.failing }
    /// The enabled rules, in registry order, with the severity the policy gives them.
    public let enabledRules: [RuleDescription]

    private let rulesByID: [String: RuleDescription]
    private let rulesByFormat: [InputFormat: [RuleDescription]]
    /// Index in ``uniqueWorkloads`` by ``WorkloadSummary/id``.
    private let workloadIndex: [String: Int]
    private let uniqueWorkloads: [WorkloadSummary]
    private let applicableFamilies: [InputFormat: Set<ControlFamily>]
    /// What only some reporters need, worked out the first time one asks.
    private let deferred: Deferred

    public init(
        result: AnalysisResult, threshold: Severity, baseline: BaselineOutcome? = nil,
        toolVersion: String = BattenVersion.current
    ) {
        var tally = FindingTally(threshold: threshold)
        tally.add(result.findings)
        self.init(result: result, tally: tally, baseline: baseline, toolVersion: toolVersion)
    }

    /// A report with the counts of its findings given (``FindingTally``): `result` holds them, or —
    /// for a streamed report — none, the findings having been counted as they went by.
    public init(
        result: AnalysisResult, tally: FindingTally, baseline: BaselineOutcome? = nil, toolVersion: String = BattenVersion.current
    ) {
        self.result = result
        self.baseline = baseline
        self.toolVersion = toolVersion

        var byID: [String: RuleDescription] = [:]
        for rule in RuleRegistry.all {
            var description = rule.description
            if let severity = result.policy.rules[description.id]?.severity { description.severity = severity }
            byID[description.id] = description
        }
        self.rulesByID = byID

        self.tally = tally

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

        var workloadIndex: [String: Int] = [:]
        var unique: [WorkloadSummary] = []
        let summaries = result.workloadSummaries
        workloadIndex.reserveCapacity(summaries.count)
        unique.reserveCapacity(summaries.count)
        for index in summaries.indices {
            let id = summaries[index].id
            guard workloadIndex[id] == nil else { continue }
            workloadIndex[id] = unique.count
            unique.append(summaries[index])
        }
        self.workloadIndex = workloadIndex
        self.uniqueWorkloads = unique

        self.deferred = Deferred(result: result)
    }

    /// Every finding, suppressed ones included, in report order.
    public var findings: [Finding] { result.findings }
    /// Findings that count: not suppressed, in report order.
    public var activeFindings: [Finding] { deferred.activeFindings }
    /// Values of secrets in the input, to be masked wherever source text is shown.
    public var secrets: SecretRedaction { deferred.secrets }
    /// Errors, warnings and notes about the input.
    public var diagnostics: [Diagnostic] { result.diagnostics }
    /// The workloads analysed, in input order.
    /// The workloads, each once: a service that two Compose projects of one directory share (the
    /// default files, and the project file with `compose.prod.yaml`) is one row, failing in a family
    /// when either project does.
    public var workloads: [WorkloadSummary] { uniqueWorkloads }

    /// Diagnostics that mean some input could not be analysed.
    public var errors: [Diagnostic] { result.diagnostics.filter { $0.level == .error } }

    /// Number of suppressed findings.
    public var suppressedCount: Int { tally.total - tally.active }

    /// True when no active finding is at or above the threshold and every input was analysed.
    public var passes: Bool { failingCount == 0 && !result.loaded.hasErrors }

    /// The description of a rule (with the policy's severity), or nil for an unknown id.
    public func rule(_ id: String) -> RuleDescription? { rulesByID[id] }

    /// The workload a finding is about.
    public func workload(_ id: String) -> WorkloadSummary? { workloadIndex[id].map { uniqueWorkloads[$0] } }

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
    public func familyResults(for workload: WorkloadSummary) -> [(ControlFamily, Bool?)] {
        let failing = tally.failingFamilies[workload.id] ?? []
        let applicable = applicableFamilies[workload.format] ?? []
        return ControlFamily.reported.map { family in
            guard applicable.contains(family) else { return (family, nil) }
            return (family, !failing.contains(family))
        }
    }
}

extension Report {
    /// The parts of a report that cost a pass over every finding or workload and that only some
    /// reporters use (the JSON report needs neither): computed on first use, once, whichever
    /// thread asks.
    private final class Deferred: @unchecked Sendable {
        private let result: AnalysisResult
        private let lock = NSLock()
        private var activeStorage: [Finding]?
        private var secretsStorage: SecretRedaction?

        init(result: AnalysisResult) {
            self.result = result
        }

        var activeFindings: [Finding] {
            lock.lock()
            defer { lock.unlock() }
            if let activeStorage { return activeStorage }
            let active = result.findings.filter { !$0.isSuppressed }
            activeStorage = active
            return active
        }

        var secrets: SecretRedaction {
            lock.lock()
            defer { lock.unlock() }
            if let secretsStorage { return secretsStorage }
            let secrets = SecretRedaction(result)
            secretsStorage = secrets
            return secrets
        }
    }
}

extension ControlFamily {
    /// The families of the per-workload table (meta rules are about the manifest, not the workload).
    public static let reported: [ControlFamily] = allCases.filter { $0 != .meta }
}
