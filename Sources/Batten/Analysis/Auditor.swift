/// Runs a policy's rules over workloads and applies suppressions: inline ones from the manifests
/// and the policy's exemptions (an expired exemption stops suppressing and says so).
public struct Auditor: Sendable {
    public var policy: ResolvedPolicy
    /// Today as `YYYY-MM-DD`, for exemption expiry.
    public var today: String
    public var registry: [any Rule.Type]

    public init(policy: ResolvedPolicy, today: String = Auditor.todayUTC(), registry: [any Rule.Type] = RuleRegistry.all) {
        self.policy = policy
        self.today = today
        self.registry = registry
    }

    /// Every finding of every workload, suppressed ones marked, in report order, without repeats.
    public func audit(_ workloads: [Workload]) -> [Finding] {
        let rules = policy.enabledRules(from: registry)
        var findings: [Finding] = []
        for workload in workloads {
            findings += audit(workload, rules: rules)
        }
        return Self.unique(findings).sorted(by: Finding.reportOrder)
    }

    func audit(_ workload: Workload, rules: [EnabledRule]) -> [Finding] {
        var findings: [Finding] = []
        for enabled in rules where enabled.formats.contains(workload.format) {
            findings += enabled.rule.check(workload, context: enabled.context)
        }
        var uses = workload.suppressions.map { suppression in
            SuppressionUse(
                suppression: suppression, suppressedCount: 0, ruleIsEnabled: policy.isEnabled(suppression.ruleID),
                ruleExists: registry.contains { $0.description.id == suppression.ruleID })
        }
        for index in findings.indices {
            applyInlineSuppressions(to: &findings[index], uses: &uses)
        }
        for enabled in rules where enabled.formats.contains(workload.format) {
            guard let suppressionRule = enabled.rule as? any SuppressionRule else { continue }
            findings += suppressionRule.check(uses, in: workload, context: enabled.context)
        }
        for index in findings.indices where findings[index].suppression == nil {
            applyExemptions(to: &findings[index])
        }
        return findings
    }

    private func applyInlineSuppressions(to finding: inout Finding, uses: inout [SuppressionUse]) {
        for index in uses.indices {
            let suppression = uses[index].suppression
            guard suppression.ruleID == finding.ruleID else { continue }
            if let container = suppression.container, container != finding.target.container { continue }
            let reason = suppression.reason.isEmpty ? "suppressed in the manifest (no reason given)" : suppression.reason
            finding.suppression = Suppression(source: .inline, reason: reason)
            uses[index].suppressedCount += 1
            return
        }
    }

    private func applyExemptions(to finding: inout Finding) {
        for exemption in policy.exemptions where exemption.rule == "*" || exemption.rule == finding.ruleID {
            guard exemption.target.matches(finding) else { continue }
            if exemption.isExpired(today: today) {
                let note = "policy exemption expired on \(exemption.expires ?? "?") (\(exemption.reason))"
                if !finding.notes.contains(note) { finding.notes.append(note) }
                continue
            }
            finding.suppression = Suppression(source: .policy, reason: exemption.reason)
            return
        }
    }

    static func unique(_ findings: [Finding]) -> [Finding] {
        var seen = Set<String>()
        return findings.filter { finding in
            let key = "\(finding.ruleID)\u{1}\(finding.location.path)\u{1}\(finding.location.start.offset)\u{1}\(finding.target.displayName)\u{1}\(finding.message)"
            return seen.insert(key).inserted
        }
    }

    /// The current date in UTC as `YYYY-MM-DD`.
    public static func todayUTC() -> String {
        ISODate.today()
    }
}
