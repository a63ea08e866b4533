/// A rule about inline suppressions themselves (no reason, suppresses nothing). The auditor calls
/// it after it has matched every finding of the workload against the workload's suppressions.
public protocol SuppressionRule: Rule {
    func check(_ uses: [SuppressionUse], in workload: Workload, context: RuleContext) -> [Finding]
}

extension SuppressionRule {
    public func check(_ workload: Workload, context: RuleContext) -> [Finding] { [] }
    public var asSuppressionRule: (any SuppressionRule)? { self }
}

/// An inline suppression and what it did.
public struct SuppressionUse: Sendable {
    public var suppression: InlineSuppression
    /// Findings it suppressed.
    public var suppressedCount: Int
    /// True when the rule it names is enabled by the policy (an unused suppression of a rule the
    /// policy does not run is not reported).
    public var ruleIsEnabled: Bool
    /// True when the rule it names exists.
    public var ruleExists: Bool

    public init(suppression: InlineSuppression, suppressedCount: Int, ruleIsEnabled: Bool, ruleExists: Bool) {
        self.suppression = suppression
        self.suppressedCount = suppressedCount
        self.ruleIsEnabled = ruleIsEnabled
        self.ruleExists = ruleExists
    }
}
