/// A sysctl outside the safe set.
public struct UnsafeSysctlsRule: Rule {
    public init() {}

    static let allowed = RuleParameter<[String]>(
        name: "allowed", default: [],
        summary: "Sysctl names allowed in addition to the Pod Security Standards safe set of the policy's pss-version.")

    public static let description = RuleDescription(
        id: "unsafe-sysctls",
        title: "Unsafe sysctl",
        rationale: """
            Kernel parameters that are not namespaced, or not isolated between containers, change the whole node: \
            they can disable security mechanisms (`kernel.randomize_va_space`), open the host to attacks \
            (`net.ipv4.ip_forward`, `kernel.core_pattern` runs a program as root on the host) or starve other \
            workloads. Only a small set is safe to set per workload.
            """,
        remediation: """
            Remove the sysctl, or set it on the node if the whole node needs it. Only the Pod Security Standards \
            safe set (for example `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_keepalive_time`) may be set \
            per workload.
            """,
        severity: .high,
        family: .hostIsolation,
        references: [
            .pss(.baseline, "Sysctls"), .url("https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/"),
        ],
        formats: [.compose, .kubernetes],
        parameters: [allowed],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  gateway:
                    image: example/gateway:1.2
                    sysctls:
                      net.ipv4.ip_unprivileged_port_start: 0
                      ↓net.ipv4.ip_forward: 1
                      ↓kernel.shmmax: 68719476736
                """),
            .passing(
                .compose,
                """
                services:
                  gateway:
                    image: example/gateway:1.2
                    sysctls:
                      - net.ipv4.ip_unprivileged_port_start=0
                      - net.ipv4.tcp_keepalive_time=600
                """),
            .passing(
                .compose,
                """
                services:
                  search:
                    image: example/search:8.15
                    sysctls:
                      net.core.somaxconn: 1024
                """, parameters: [allowed.set(to: ["net.core.somaxconn"])], note: "allowed by the policy"),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: tuned
                spec:
                  securityContext:
                    sysctls:
                    - name: net.ipv4.tcp_rmem
                      value: "4096 87380 16777216"
                    - ↓name: net.core.somaxconn
                      value: "1024"
                    - ↓name: kernel.msgmax
                      value: "65536"
                  containers:
                  - name: app
                    image: example/app:2.3
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: tuned
                spec:
                  securityContext:
                    sysctls:
                    - name: kernel.shm_rmid_forced
                      value: "1"
                    - name: net.ipv4.ping_group_range
                      value: "0 2147483647"
                  containers:
                  - name: app
                    image: example/app:2.3
                """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard !workload.sysctls.isEmpty else { return [] }
        let safe = SafeSysctls.names(for: context.pssVersion).union(context.value(of: Self.allowed))
        let who = FindingTarget(workload).displayName
        return workload.sysctls.compactMap { sysctl in
            let written = sysctl.value.name
            let name = workload.format == .compose ? written.replacingOccurrences(of: "/", with: ".") : written
            guard !safe.contains(name) else { return nil }
            var message = "\(who) sets the sysctl \(written), which is not in the safe set"
            if let minor = SafeSysctls.introduction(of: name) {
                message += " of Pod Security Standards \(context.pssVersion) (it is safe from v1.\(minor))"
            }
            message += "; remove it or set it on the node"
            return context.finding(
                message, at: sysctl.node, in: workload, container: workload.format == .compose ? workload.containers.first : nil,
                setting: "sysctls.\(written)")
        }
    }
}
