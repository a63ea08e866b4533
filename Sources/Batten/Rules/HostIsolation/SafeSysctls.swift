/// The sysctls the Pod Security Standards baseline allows, with the Kubernetes release whose
/// policy version first allows each (`check_sysctls.go`). They are namespaced in the kernel and
/// isolated from other pods on the node.
enum SafeSysctls {
    /// Name and the minor version (v1.N) of the policy that added it.
    static let added: [(name: String, minor: Int)] = [
        ("kernel.shm_rmid_forced", 0),
        ("net.ipv4.ip_local_port_range", 0),
        ("net.ipv4.tcp_syncookies", 0),
        ("net.ipv4.ping_group_range", 0),
        ("net.ipv4.ip_unprivileged_port_start", 0),
        ("net.ipv4.ip_local_reserved_ports", 27),
        ("net.ipv4.tcp_keepalive_time", 29),
        ("net.ipv4.tcp_fin_timeout", 29),
        ("net.ipv4.tcp_keepalive_intvl", 29),
        ("net.ipv4.tcp_keepalive_probes", 29),
        ("net.ipv4.tcp_rmem", 32),
        ("net.ipv4.tcp_wmem", 32),
        ("net.ipv4.tcp_slow_start_after_idle", 37),
        ("net.ipv4.tcp_notsent_lowat", 37),
    ]

    /// The safe names under `version`.
    static func names(for version: PSSVersion) -> Set<String> {
        Set(added.filter { version.includes($0.minor) }.map(\.name))
    }

    /// The minor version of the policy that first allows `name`, when it is in the table.
    static func introduction(of name: String) -> Int? {
        added.first { $0.name == name }?.minor
    }
}
