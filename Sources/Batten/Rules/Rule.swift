/// A check of one concept on every format where it exists.
///
/// A rule is a pure function of a workload and its parameters. It carries its own documentation and
/// examples (``RuleDescription``); the examples are also its tests.
///
/// A rule says what it checks per format: it implements ``checkCompose(_:context:)`` and/or
/// ``checkKubernetes(_:context:)`` (each finds nothing by default), and ``check(_:context:)``
/// calls the one of the workload's format. A rule that reads only what both formats share
/// implements ``check(_:context:)`` itself, or checks each container on its own as a
/// ``ContainerRule``.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// The findings for one workload. Rules never see other workloads.
    func check(_ workload: Workload, context: RuleContext) -> [Finding]
    /// The findings for a Compose service.
    func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding]
    /// The findings for a Kubernetes workload.
    func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding]
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

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        switch workload.format {
        case .compose: return checkCompose(workload, context: context)
        case .kubernetes: return checkKubernetes(workload, context: context)
        }
    }

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] { [] }
    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] { [] }
    public var asConfigMapRule: (any ConfigMapRule)? { nil }
}
