/// A seccomp or AppArmor profile setting.
public struct SecurityProfile: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The container runtime's default profile (`RuntimeDefault`, Compose's implicit default).
        case runtimeDefault
        /// A profile loaded on the node (`Localhost` with `localhostProfile`, a Compose profile path, an AppArmor profile name).
        case localhost
        /// No confinement (`Unconfined`, `seccomp:unconfined`, `apparmor:unconfined`).
        case unconfined
        /// A value Batten does not recognise; kept as written in `profile`.
        case other
    }

    public var kind: Kind
    /// The profile name or path for `localhost`, or the raw text for `other`.
    public var profile: String?

    public init(kind: Kind, profile: String? = nil) {
        self.kind = kind
        self.profile = profile
    }
}

/// SELinux options: Kubernetes `seLinuxOptions`, or Compose `security_opt` `label` entries.
public struct SELinuxSettings: Sendable, Hashable {
    public var user: String?
    public var role: String?
    public var type: String?
    public var level: String?
    /// Compose `label:disable` / `label=disable`.
    public var disabled: Bool

    public init(user: String? = nil, role: String? = nil, type: String? = nil, level: String? = nil, disabled: Bool = false) {
        self.user = user
        self.role = role
        self.type = type
        self.level = level
        self.disabled = disabled
    }
}
