import BattenYAML

/// The check shared by the memory and CPU limit rules: a Compose service or a Kubernetes container
/// (ephemeral containers excepted: they cannot have resources) without a bound on one resource.
struct ResourceLimitCheck {
    /// The Compose limit.
    var compose: ComposeLimit
    /// The key under Kubernetes `resources.limits` (`memory`, `cpu`).
    var kubernetesKey: String
    /// What is limited, for messages (`memory`, `CPU`).
    var noun: String
    /// What an unbounded container can do, for messages.
    var consequence: String
    var composeValue: String
    var kubernetesValue: String
    /// The limit in the model.
    var value: (ResourceSettings) -> Sourced<String>?

    /// A limit is a decision: too low a limit stops the service (the kernel kills it at its memory
    /// limit), and Batten cannot know what it needs.
    private func fix(_ value: String, _ changes: [Change]) -> Fix {
        Fix(
            title: "Set a \(noun) limit of \(value)", kind: .decision, changes: changes,
            reason: "Batten cannot know how much \(noun) the service needs; \(value) is the policy's default (the rule's parameters set another)")
    }

    func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        switch workload.format {
        case .compose: return checkCompose(workload, context: context)
        case .kubernetes: return checkKubernetes(workload, context: context)
        }
    }

    private func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard let container = workload.containers.first else { return [] }
        let setting = compose.deployPath.joined(separator: ".")
        let name = FindingTarget(workload, container: container).displayName
        if let limit = value(container.limits) {
            guard ResourceQuantity.isUnbounded(limit.value) else { return [] }
            let written = compose.writtenValues(in: workload.compose).filter { ResourceQuantity.isUnbounded($0.value) }
            let key = written.first?.path.joined(separator: ".") ?? compose.legacyKey
            var changes = written.map {
                Change(scope: .service, path: $0.path, operation: .set(.string(composeValue)), target: workload.node, existing: $0.node)
            }
            if changes.isEmpty {
                changes = [
                    Change(
                        scope: .service, path: compose.fixPath(in: workload.compose), operation: .set(.string(composeValue)),
                        target: workload.node, existing: limit.node)
                ]
            }
            return [
                context.finding(
                    "\(name) sets \(key) to \(limit.value), which is no limit: \(consequence); set a \(noun) limit such as \(composeValue)",
                    at: limit.node, in: workload, container: container, setting: setting,
                    fix: fix(composeValue, changes))
            ]
        }
        let path = compose.fixPath(in: workload.compose)
        let change = Change(scope: .service, path: path, operation: .set(.string(composeValue)), target: workload.node)
        return [
            context.finding(
                "\(name) has no \(noun) limit: \(consequence); set \(path.joined(separator: ".")) (for example \(composeValue))",
                at: container.location, in: workload, container: container, setting: setting,
                fix: fix(composeValue, [change]))
        ]
    }

    private func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        let path = ["resources", "limits", kubernetesKey]
        let setting = path.joined(separator: ".")
        return workload.containers.filter { $0.role != .ephemeral }.compactMap { container in
            let limit = value(container.limits)
            if let limit, !ResourceQuantity.isUnbounded(limit.value) { return nil }
            let name = FindingTarget(workload, container: container).displayName
            let change = Change(
                scope: .container(container.name), path: path, operation: .set(.string(kubernetesValue)),
                target: container.node, existing: limit?.node)
            let fix = fix(kubernetesValue, [change])
            if let limit {
                return context.finding(
                    "\(name) sets \(setting) to \(limit.value), which is no limit: \(consequence); set a \(noun) limit such as \(kubernetesValue)",
                    at: limit.node, in: workload, container: container, setting: setting, fix: fix)
            }
            return context.finding(
                "\(name) has no \(noun) limit: \(consequence); set \(setting) (for example \(kubernetesValue))",
                at: container.location, in: workload, container: container, setting: setting, fix: fix)
        }
    }
}
