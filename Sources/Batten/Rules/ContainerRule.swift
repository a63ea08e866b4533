/// A rule whose findings are those of each container of a workload, checked on its own.
public protocol ContainerRule: Rule {
    /// The findings for `container` of `workload`.
    func checkContainer(_ container: Container, in workload: Workload, context: RuleContext) -> [Finding]
}

extension ContainerRule {
    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        workload.containers.flatMap { checkContainer($0, in: workload, context: context) }
    }
}
