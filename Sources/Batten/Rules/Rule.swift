/// A check of one concept on every format where it exists.
///
/// A rule is a pure function of a workload and its parameters. It carries its own documentation and
/// examples (``RuleDescription``); the examples are also its tests.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// The findings for one workload. Rules never see other workloads.
    func check(_ workload: Workload, context: RuleContext) -> [Finding]
}

extension Rule {
    public var description: RuleDescription { Self.description }
}
