/// A rule that also looks at Kubernetes ConfigMaps, which are no workload: a secret written into a
/// ConfigMap is as exposed as one written into a pod spec. The auditor calls it for each ConfigMap
/// of the input, through ``Rule/asConfigMapRule``.
public protocol ConfigMapRule: Rule {
    /// The findings for one ConfigMap, with ``KubernetesConfigMap/target`` as their target.
    func check(_ configMap: KubernetesConfigMap, context: RuleContext) -> [Finding]
}

extension ConfigMapRule {
    public var asConfigMapRule: (any ConfigMapRule)? { self }
}
