import BattenYAML

/// The Kubernetes check seccomp and AppArmor share: a `seccompProfile` / `appArmorProfile` written at
/// pod or container level must confine (`RuntimeDefault` or `Localhost`); anything else is a finding
/// at that level, with a safe fix that sets `type: RuntimeDefault` there.
struct ConfiningProfileCheck {
    /// The field name: `seccompProfile` or `appArmorProfile`.
    let field: String
    /// The profile as written at one level.
    let profile: (SecurityContextSettings) -> Sourced<SecurityProfile>?

    static func isConfining(_ profile: SecurityProfile) -> Bool {
        profile.kind == .runtimeDefault || profile.kind == .localhost
    }

    func findings(_ workload: Workload, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        if let pod = workload.kubernetes?.podSecurityContext, let profile = profile(pod), !Self.isConfining(profile.value) {
            findings.append(
                context.finding(
                    "\(workload.displayName) sets \(describe(profile)) for the whole pod; use `RuntimeDefault`",
                    at: profile.node, in: workload, setting: "pod.securityContext.\(field)",
                    fix: fix(PrivilegeChanges.pod(workload, [field, "type"], .string("RuntimeDefault"), existing: PrivilegeChanges.typeNode(of: profile)))))
        }
        for container in workload.containers {
            guard let settings = container.kubernetes?.securityContext, let profile = profile(settings),
                !Self.isConfining(profile.value)
            else { continue }
            let target = FindingTarget(workload, container: container).displayName
            findings.append(
                context.finding(
                    "\(target) sets \(describe(profile)); use `RuntimeDefault`", at: profile.node, in: workload,
                    container: container, setting: "securityContext.\(field)",
                    fix: fix(
                        PrivilegeChanges.container(
                            container, [field, "type"], .string("RuntimeDefault"), existing: PrivilegeChanges.typeNode(of: profile)))))
        }
        return findings
    }

    private func fix(_ change: Change) -> Fix {
        Fix(title: "Set \(field) type: RuntimeDefault", kind: .safe, changes: [change])
    }

    private func describe(_ profile: Sourced<SecurityProfile>) -> String {
        if profile.value.kind == .unconfined { return "`\(field).type: Unconfined`" }
        guard PrivilegeChanges.typeNode(of: profile) != nil else { return "a \(field) without a `type`" }
        return "the unknown \(field) type `\(profile.value.profile ?? "")`"
    }
}
