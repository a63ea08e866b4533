/// The counts a report gives of its findings: how many, how many count (not suppressed), by
/// severity, at or above the threshold, and the control families each workload fails. Kept as the
/// findings go by, so that a report can be finished without holding them.
public struct FindingTally: Sendable {
    /// Active findings at or above this severity fail the gate.
    public let threshold: Severity
    /// Every finding, suppressed ones included.
    public private(set) var total = 0
    /// Findings that count (not suppressed).
    public private(set) var active = 0
    /// Active findings by severity (every level present, zero when none).
    public private(set) var bySeverity: [Severity: Int]
    /// Active findings at or above the threshold.
    public private(set) var failing = 0
    /// The control families in which each workload (by ``Finding/workloadID``) has an active finding.
    public private(set) var failingFamilies: [String: Set<ControlFamily>] = [:]

    public init(threshold: Severity) {
        self.threshold = threshold
        var bySeverity: [Severity: Int] = [:]
        for level in Severity.allCases { bySeverity[level] = 0 }
        self.bySeverity = bySeverity
    }

    /// Counts `finding`, of a rule of `family` (nil for an unknown rule).
    public mutating func add(_ finding: Finding, family: ControlFamily?) {
        total += 1
        guard finding.suppression == nil else { return }
        active += 1
        bySeverity[finding.severity, default: 0] += 1
        if finding.severity >= threshold { failing += 1 }
        if let family { failingFamilies[finding.workloadID, default: []].insert(family) }
    }

    /// Counts `findings`, looking each rule's family up in `families` by rule id.
    public mutating func add(_ findings: [Finding], families: [String: ControlFamily] = RuleRegistry.families) {
        var familyOfRule = RunLookup<String, ControlFamily?>()
        // Consecutive findings mostly share a workload: its failing families are gathered here and
        // recorded once per run of findings rather than looked up by id for each.
        var workload: (id: String, failing: Set<ControlFamily>)?
        for index in findings.indices {
            let family = familyOfRule.value(for: findings[index].ruleID) { families[$0] }
            add(findings[index], family: nil)
            guard let family, findings[index].suppression == nil else { continue }
            let id = findings[index].workloadID
            if workload?.id != id {
                if let workload { failingFamilies[workload.id, default: []].formUnion(workload.failing) }
                workload = (id, [])
            }
            workload?.failing.insert(family)
        }
        if let workload { failingFamilies[workload.id, default: []].formUnion(workload.failing) }
    }
}
