/// What a change left reported, to tell whether the findings it claims to fix are fixed — the one
/// acceptance `batten fix`, the Compose override and the kustomize overlay share.
///
/// A claimed finding is still reported when a finding of the same identity (rule, unit, workload,
/// container, setting) is reported after the change, at least as severe, and still with a fix to
/// propose. A finding that is gone, or that stays as a weaker finding without a fix (a bind mount
/// made read-only is still reported, at a lower severity), is fixed.
struct FixedFindings {
    private let remaining: [FindingIdentity: [Finding]]

    /// `after`: the findings reported once the change applies, identified by `identifier`.
    init(after: [Finding], identifier: FindingIdentifier = .withinOneUnit) {
        var remaining: [FindingIdentity: [Finding]] = [:]
        for finding in after { remaining[identifier(finding), default: []].append(finding) }
        self.remaining = remaining
    }

    /// True when `finding`, whose identity before the change is `identity`, is still reported as it was.
    func isStillReported(_ finding: Finding, as identity: FindingIdentity) -> Bool {
        (remaining[identity] ?? []).contains { $0.severity >= finding.severity && $0.fix != nil }
    }

    /// The first claimed finding that is still reported as it was, both sides within one unit (one
    /// Compose project, or Kubernetes files).
    static func stillReported(_ claimed: [Finding], after: [Finding]) -> Finding? {
        let fixed = FixedFindings(after: after)
        return claimed.first { fixed.isStillReported($0, as: FindingIdentifier.withinOneUnit($0)) }
    }
}
