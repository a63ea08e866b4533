/// The Kubernetes rule for container security settings, applied once: a container's own value
/// wins; where it has none, the pod `securityContext` value applies, with the pod node as the
/// node that decided it. `privileged`, `allowPrivilegeEscalation`, `readOnlyRootFilesystem`,
/// `capabilities` and `procMount` exist per container only and are never inherited.
enum SecurityContextInheritance {
    /// Sets the inherited effective fields of `container` from its own raw `securityContext` and the pod's.
    static func apply(pod: SecurityContextSettings, to container: inout ContainerBuilder) {
        let own = container.kubernetes?.securityContext ?? SecurityContextSettings()
        container.runAsUser = own.runAsUser ?? pod.runAsUser
        container.runAsGroup = own.runAsGroup ?? pod.runAsGroup
        container.runAsNonRoot = own.runAsNonRoot ?? pod.runAsNonRoot
        container.seccomp = own.seccompProfile ?? pod.seccompProfile
        container.appArmor = own.appArmorProfile ?? pod.appArmorProfile
        container.seLinux = own.seLinuxOptions ?? pod.seLinuxOptions
        container.windowsHostProcess = own.windowsHostProcess ?? pod.windowsHostProcess
    }
}
