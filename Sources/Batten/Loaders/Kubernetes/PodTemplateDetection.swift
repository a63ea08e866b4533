import BattenYAML

/// Finds a pod template in an object of a kind Batten does not know: a custom resource that runs
/// pods (Knative Services, OpenKruise sets, operators' own workloads) is audited like a Deployment.
enum PodTemplateDetection {
    /// The workload kind for `object` when it keeps a pod spec, a mapping with a `containers` list,
    /// at one of ``KubernetesKinds/podTemplatePaths``; nil otherwise. Reads without diagnostics:
    /// an object that does not fit is skipped, not an error.
    static func workloadKind(of object: KubernetesObject) -> KubernetesKinds.WorkloadKind? {
        let document = object.document
        for candidate in KubernetesKinds.podTemplatePaths {
            var node = object.root
            var found = true
            for key in candidate.templatePath + ["spec"] {
                guard let value = document.value(forKey: key, in: node) else {
                    found = false
                    break
                }
                let target = document.resolve(value)
                guard document.kind(target) == .mapping else {
                    found = false
                    break
                }
                node = target
            }
            guard found, let containers = document.value(forKey: "containers", in: node),
                document.kind(document.resolve(containers)) == .sequence
            else { continue }
            return KubernetesKinds.WorkloadKind(
                templatePath: candidate.templatePath, groups: [KubernetesKinds.group(of: object.apiVersion)],
                isLongRunning: candidate.isLongRunning)
        }
        return nil
    }

    /// The note every finding of such an object carries.
    static func note(for kind: KubernetesKinds.WorkloadKind, object: KubernetesObject) -> String {
        let path = kind.templatePath.joined(separator: ".")
        return "\(object.apiVersion) \(object.kind) is not a kind Batten knows; audited as a workload: its \(path) is a pod template"
    }
}
