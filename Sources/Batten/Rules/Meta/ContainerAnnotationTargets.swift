import BattenYAML

/// Legacy per-container annotations (`container.apparmor.security.beta.kubernetes.io/NAME`,
/// `container.seccomp.security.alpha.kubernetes.io/NAME`) that name a container the pod does not
/// have: the profile they set applies to no container, silently.
enum ContainerAnnotationTargets {
    /// One annotation naming a missing container.
    struct Stray {
        /// The annotation's key, where the finding points.
        var key: NodeRef
        var annotation: String
        var container: String
    }

    /// The annotations of `workload` that name no container of the pod, in the order they are written.
    static func strays(in workload: Workload) -> [Stray] {
        guard let details = workload.kubernetes else { return [] }
        let names = Set(workload.containers.map(\.name))
        var strays: [Stray] = []
        let annotations = details.appArmorAnnotations.merging(details.seccompAnnotations) { first, _ in first }
        for (annotation, value) in annotations {
            let prefix = [PodAnnotations.appArmorContainerPrefix, PodAnnotations.seccompContainerPrefix]
                .first { annotation.hasPrefix($0) }
            guard let prefix else { continue }
            let container = String(annotation.dropFirst(prefix.count))
            guard !names.contains(container) else { continue }
            strays.append(Stray(key: value.node.keyNode ?? value.node, annotation: annotation, container: container))
        }
        return strays.sorted { $0.key.range.lowerBound < $1.key.range.lowerBound }
    }

    /// The finding's message: what the annotation names and which containers the pod has.
    static func message(_ stray: Stray, in workload: Workload) -> String {
        let names = workload.containers.map { "`\($0.name)`" }.joined(separator: ", ")
        let what = stray.annotation.hasPrefix(PodAnnotations.appArmorContainerPrefix) ? "AppArmor" : "seccomp"
        return
            "\(FindingTarget(workload).displayName) has annotation `\(stray.annotation)`, but the pod has no container `\(stray.container)` (its containers: \(names)), so the \(what) profile it sets applies to none; name one of its containers"
    }
}
