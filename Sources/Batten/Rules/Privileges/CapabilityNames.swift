/// Capability names as the container runtimes read them.
enum CapabilityNames {
    /// Docker's reading of a capability name: case-insensitive, with or without the `CAP_` prefix.
    /// `cap_net_admin`, `CAP_NET_ADMIN` and `net_admin` are all `NET_ADMIN`.
    static func normalized(_ name: String) -> String {
        let upper = name.uppercased()
        return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
    }

    /// The Pod Security Standards baseline list of capabilities that may be added.
    static let baselineAllowed = [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP",
        "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ]

    /// Capabilities that on their own let a process escape or take over the host.
    static let critical = [
        "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "BPF", "ALL", "SYS_RAWIO", "PERFMON",
    ]
}
