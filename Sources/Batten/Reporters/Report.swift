/// What every reporter renders: the analysis, the threshold that decides the exit code, and the
/// rules the policy ran.
public struct Report: Sendable {
    public var result: AnalysisResult
    public var threshold: Severity
    public var toolVersion: String

    /// Families with an active finding, by workload id.
    private let failingFamilies: [String: Set<ControlFamily>]
    /// Families with an enabled rule, by format.
    private let applicableFamilies: [InputFormat: Set<ControlFamily>]

    public init(result: AnalysisResult, threshold: Severity, toolVersion: String = BattenVersion.current) {
        self.result = result
        self.threshold = threshold
        self.toolVersion = toolVersion
        var families: [String: ControlFamily] = [:]
        for rule in RuleRegistry.all { families[rule.description.id] = rule.description.family }
        var failing: [String: Set<ControlFamily>] = [:]
        for finding in result.findings where !finding.isSuppressed {
            if let family = families[finding.ruleID] { failing[finding.workloadID, default: []].insert(family) }
        }
        self.failingFamilies = failing
        var applicable: [InputFormat: Set<ControlFamily>] = [:]
        for rule in RuleRegistry.all where result.policy.isEnabled(rule.description.id) {
            for format in rule.description.formats { applicable[format, default: []].insert(rule.description.family) }
        }
        self.applicableFamilies = applicable
    }

    public var findings: [Finding] { result.findings }
    public var activeFindings: [Finding] { result.activeFindings }
    public var diagnostics: [Diagnostic] { result.diagnostics }

    /// The rules the policy ran, in registry order.
    public var enabledRules: [RuleDescription] {
        RuleRegistry.all.map { $0.description }.filter { result.policy.isEnabled($0.id) }
    }

    /// The description of a finding's rule.
    public func rule(_ id: String) -> RuleDescription? { RuleRegistry.rule(id)?.description }

    /// Active findings by severity, most severe first, with zero counts left out.
    public var severityCounts: [(Severity, Int)] {
        Severity.allCases.reversed().compactMap { level in
            let count = activeFindings.filter { $0.severity == level }.count
            return count == 0 ? nil : (level, count)
        }
    }

    /// Per workload and control family: nil when no enabled rule of the family applies, else
    /// whether the workload passes.
    public func familyResults(for workload: Workload) -> [(ControlFamily, Bool?)] {
        let failing = failingFamilies[workload.id] ?? []
        let applicable = applicableFamilies[workload.format] ?? []
        return ControlFamily.allCases.filter { $0 != .meta }.map { family in
            guard applicable.contains(family) else { return (family, nil) }
            return (family, !failing.contains(family))
        }
    }
}

/// Turns a report into bytes of one output format.
public protocol Reporter: Sendable {
    func render(_ report: Report) -> String
}
