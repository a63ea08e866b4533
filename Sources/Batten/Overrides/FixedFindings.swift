/// Whether the findings a generated file claims to fix are fixed once it applies.
enum FixedFindings {
    /// The first claimed finding that is still reported as it was: the same rule, workload and
    /// setting, at least as severe, and still with a fix to propose. A finding that is gone, or that
    /// stays as a weaker finding without a fix (a bind mount made read-only is still reported, at a
    /// lower severity), is fixed.
    static func stillReported(_ claimed: [Finding], after: [Finding]) -> Finding? {
        var remaining: [String: [Finding]] = [:]
        for finding in after { remaining[FixSession.key(finding), default: []].append(finding) }
        return claimed.first { finding in
            (remaining[FixSession.key(finding)] ?? []).contains { $0.severity >= finding.severity && $0.fix != nil }
        }
    }
}
