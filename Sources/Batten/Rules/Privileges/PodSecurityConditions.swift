/// Conditions under which the Pod Security Standards admission checks skip a control, by the
/// policy's Pod Security Standards version.
extension RuleContext {
    /// True when `workload` is a Windows pod (`spec.os.name: windows`) and the policy's version
    /// exempts Windows pods from the Linux-only restricted controls (privilege escalation,
    /// capabilities, seccomp), which it does from v1.25.
    func exemptsWindowsPod(_ workload: Workload) -> Bool {
        pssVersion.enforces(.windowsPodExemption) && workload.isWindowsPod
    }

    /// True when `workload` runs in its own user namespace (`hostUsers: false`) and the policy's
    /// version skips the restricted run-as-non-root checks for such pods, which it does from v1.35.
    func relaxesRunAsNonRootForUserNamespace(_ workload: Workload) -> Bool {
        pssVersion.enforces(.userNamespaceRelaxations) && workload.hostUsers?.value == false
    }
}
