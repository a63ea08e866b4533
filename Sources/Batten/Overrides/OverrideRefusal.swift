/// Why no override or overlay was produced: nothing is written then.
public struct OverrideRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a sentence for the user.
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "not generated: \(reason)" }

    /// The refusal of an override that would leave chosen fixes out, naming each finding and why;
    /// nil when every fix left out is one no override can carry (``SkippedFix/isInherent``). Names
    /// and reasons only: a finding's value (a secret) is never quoted.
    static func uncarried(_ skipped: [SkippedFix]) -> OverrideRefusal? {
        let refused = skipped.filter { !$0.isInherent }
        guard !refused.isEmpty else { return nil }
        let list = refused.map { skip in
            "\(skip.finding.ruleID) \(skip.finding.target.displayName) (\(skip.finding.setting)): \(skip.reason)"
        }
        let noun = refused.count == 1 ? "a chosen fix" : "\(refused.count) chosen fixes"
        return OverrideRefusal(
            "\(noun) cannot be carried: " + list.joined(separator: "; ")
                + "; apply \(refused.count == 1 ? "it" : "them") with `batten fix`, or choose other rules with --rule")
    }
}
