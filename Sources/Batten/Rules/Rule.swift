/// A check of one concept on every format where it exists.
///
/// A rule is a pure function of a workload and its parameters. It carries its own documentation and
/// examples (``RuleDescription``); the examples are also its tests.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// The findings for one workload. Rules never see other workloads.
    func check(_ workload: Workload, context: RuleContext) -> [Finding]
    /// The rule as a ``SuppressionRule``, nil for every other rule. A requirement rather than an
    /// `as?` cast: a cast that fails searches every conformance table of the process, which cost
    /// a quarter of a millisecond per rule at start-up.
    var asSuppressionRule: (any SuppressionRule)? { get }
    /// The rule as a ``ConfigMapRule``, nil for rules that look at workloads only (a requirement
    /// for the same reason).
    var asConfigMapRule: (any ConfigMapRule)? { get }
}

extension Rule {
    public var description: RuleDescription { Self.description }
    public var asSuppressionRule: (any SuppressionRule)? { nil }
    public var asConfigMapRule: (any ConfigMapRule)? { nil }
}
