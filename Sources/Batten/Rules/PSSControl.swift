/// A Pod Security Standards control, or a change to one, that came with a Kubernetes release: a
/// policy pinned to an older ``PSSVersion`` does not apply it.
///
/// Each control names the version that introduced it, from the checks of the pod-security-admission
/// library (`staging/src/k8s.io/pod-security-admission/policy/check_*.go`, the `MinimumVersion` of
/// each check's versions) and the Pod Security Standards page of the Kubernetes documentation.
public enum PSSControl: Sendable, CaseIterable {
    /// Restricted: `allowPrivilegeEscalation: false` (`check_allowPrivilegeEscalation.go`, v1.8).
    case privilegeEscalation
    /// Restricted: the `seccompProfile` fields replace the seccomp annotations
    /// (`check_seccompProfile_restricted.go`, v1.19).
    case seccompProfileField
    /// Restricted: drop ALL, add at most NET_BIND_SERVICE (`check_capabilities_restricted.go`, v1.22).
    case restrictedCapabilities
    /// Restricted: `runAsUser` must not be 0 (`check_runAsUser.go`, v1.23).
    case runAsNonZeroUser
    /// Restricted: Windows pods (`spec.os.name: windows`) are exempt from the Linux-only controls
    /// (privilege escalation, capabilities, seccomp), v1.25.
    case windowsPodExemption
    /// Baseline: the `appArmorProfile` fields replace the AppArmor annotations
    /// (`check_appArmorProfile.go`, v1.30).
    case appArmorProfileField
    /// Baseline: the SELinux type `container_engine_t` is allowed (`check_seLinuxOptions.go`, v1.31).
    case seLinuxContainerEngineType
    /// Baseline: probes and lifecycle handlers must not set `host`
    /// (`check_hostProbesAndhostLifecycle.go`, v1.34).
    case probeAndLifecycleHost
    /// Pods in their own user namespace (`hostUsers: false`) may unmask /proc at baseline and are
    /// exempt from restricted's run-as-non-root checks (`check_procMount_baseline.go`,
    /// `check_runAsNonRoot.go`, v1.35).
    case userNamespaceRelaxations

    /// The minor version (v1.N) of the policy that introduced the control.
    public var introducedIn: Int {
        switch self {
        case .privilegeEscalation: return 8
        case .seccompProfileField: return 19
        case .restrictedCapabilities: return 22
        case .runAsNonZeroUser: return 23
        case .windowsPodExemption: return 25
        case .appArmorProfileField: return 30
        case .seLinuxContainerEngineType: return 31
        case .probeAndLifecycleHost: return 34
        case .userNamespaceRelaxations: return 35
        }
    }
}
