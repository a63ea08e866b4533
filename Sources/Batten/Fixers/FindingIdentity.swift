/// What a finding is about, stable across edits, so that a re-audit can tell whether a fix removed
/// it: the rule, the unit of the input, the workload, the container and the setting.
///
/// A workload's id alone does not tell two Compose projects of one directory apart (`a.yml` and
/// `b.yml` given as two paths, each with a service `web`): the unit — the first file of the
/// finding's Compose project (``FindingIdentifier``) — does.
struct FindingIdentity: Hashable, Sendable {
    var ruleID: String
    /// The first file of the finding's Compose project; empty for Kubernetes findings, whose
    /// workload id names their file, and where one unit is all there is.
    var unit: String
    var workloadID: String
    var container: String
    var setting: String

    init(_ finding: Finding, unit: String) {
        ruleID = finding.ruleID
        self.unit = unit
        workloadID = finding.workloadID
        container = finding.target.container ?? ""
        setting = finding.setting
    }
}
