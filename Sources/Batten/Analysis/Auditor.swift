/// Runs a policy's rules over workloads and applies suppressions: inline ones from the manifests
/// and the policy's exemptions (an expired exemption stops suppressing and says so).
public struct Auditor: Sendable {
    public var policy: ResolvedPolicy
    /// Today as `YYYY-MM-DD`, for exemption expiry.
    public var today: String
    public var registry: [any Rule.Type]
    /// Threads that audit workloads at once; the findings do not depend on it.
    public var jobs: Int

    public init(
        policy: ResolvedPolicy, today: String = Auditor.todayUTC(), registry: [any Rule.Type] = RuleRegistry.all,
        jobs: Int = 1
    ) {
        self.policy = policy
        self.today = today
        self.registry = registry
        self.jobs = max(1, jobs)
    }

    /// Every finding of every workload, suppressed ones marked, in report order, without repeats.
    public func audit(_ workloads: [Workload]) -> [Finding] {
        let rules = Self.prepare(policy.enabledRules(from: registry))
        let batch = 64
        let batches = stride(from: 0, to: workloads.count, by: batch).map { $0..<min($0 + batch, workloads.count) }
        let perBatch = ParallelWork.map(batches, jobs: jobs) { range in
            workloads[range].flatMap { audit($0, rules: rules) }
        }
        return Self.unique(perBatch.flatMap { $0 }).sorted(by: Finding.reportOrder)
    }

    func audit(_ workload: Workload, rules: [EnabledRule]) -> [Finding] {
        audit(workload, rules: Self.prepare(rules))
    }

    /// An enabled rule with its ``SuppressionRule`` side looked up once: a failed protocol cast
    /// costs a search of the conformance tables, too much to pay per workload.
    private struct PreparedRule: Sendable {
        var enabled: EnabledRule
        var suppressionRule: (any SuppressionRule)?
    }

    private static func prepare(_ rules: [EnabledRule]) -> [PreparedRule] {
        rules.map { PreparedRule(enabled: $0, suppressionRule: $0.rule as? any SuppressionRule) }
    }

    private func audit(_ workload: Workload, rules: [PreparedRule]) -> [Finding] {
        var findings: [Finding] = []
        for prepared in rules where prepared.enabled.formats.contains(workload.format) {
            findings += prepared.enabled.rule.check(workload, context: prepared.enabled.context)
        }
        var uses = workload.suppressions.map { suppression in
            SuppressionUse(
                suppression: suppression, suppressedCount: 0, ruleIsEnabled: policy.isEnabled(suppression.ruleID),
                ruleExists: registry.contains { $0.description.id == suppression.ruleID })
        }
        for index in findings.indices {
            applyInlineSuppressions(to: &findings[index], uses: &uses)
        }
        for prepared in rules where prepared.enabled.formats.contains(workload.format) {
            guard let suppressionRule = prepared.suppressionRule else { continue }
            findings += suppressionRule.check(uses, in: workload, context: prepared.enabled.context)
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
        var seen = Set<FindingIdentity>()
        seen.reserveCapacity(findings.count)
        return findings.filter { finding in
            seen.insert(FindingIdentity(
                ruleID: finding.ruleID, path: finding.location.path, offset: finding.location.start.offset,
                target: finding.target.displayName, message: finding.message)).inserted
        }
    }

    /// What makes two findings the same report line.
    private struct FindingIdentity: Hashable {
        var ruleID: String
        var path: String
        var offset: Int
        var target: String
        var message: String
    }

    /// The current date in UTC as `YYYY-MM-DD`.
    public static func todayUTC() -> String {
        ISODate.today()
    }
}
