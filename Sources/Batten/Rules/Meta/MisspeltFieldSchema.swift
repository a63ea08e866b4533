/// The keys valid at one place of a manifest, the hardening keys a misspelling there is compared
/// with, and the places below it.
struct MisspeltFieldSchema: Sendable {
    /// Every key valid here: a key in this set is never reported.
    var known: Set<String>
    /// The keys a misspelt key may have meant, in order of preference.
    var hardening: [String]
    /// The schemas of nested mappings with their correct keys (a few per level: found by
    /// comparing, not hashing).
    var children: [(name: String, schema: MisspeltFieldSchema)]
    /// True for Kubernetes resource lists, where `vendor.example/name` and `hugepages-<size>` are valid.
    var allowsQualifiedNames: Bool

    init(
        known: [String], hardening: [String]? = nil, children: [String: MisspeltFieldSchema] = [:],
        allowsQualifiedNames: Bool = false
    ) {
        self.known = Set(known)
        self.hardening = hardening ?? known
        self.children = children.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        self.allowsQualifiedNames = allowsQualifiedNames
    }

    /// The schema of the value of `key`, if the schema describes it.
    func child(_ key: String) -> MisspeltFieldSchema? {
        let count = key.utf8.count
        return children.first { $0.name.utf8.count == count && $0.name == key }?.schema
    }

    /// True when `key` is valid here as written.
    func isValid(_ key: String) -> Bool {
        if known.contains(key) || key.hasPrefix("x-") { return true }
        if allowsQualifiedNames && (key.contains("/") || key.hasPrefix("hugepages-") || key.hasPrefix("requests.")) {
            return true
        }
        return false
    }

    /// The hardening key `key` most likely misspells: equal up to case, `-` and `_`, or one edit
    /// away as written or so normalised. Nil for valid keys and keys too short to judge.
    func correction(for key: String) -> String? {
        guard !isValid(key), key.count >= 3 else { return nil }
        let normalizedKey = Self.normalized(key)
        var best: (name: String, normalizedDistance: Int, distance: Int)?
        for candidate in hardening {
            let normalizedDistance = EditDistance.distance(normalizedKey, Self.normalized(candidate))
            let distance = EditDistance.distance(key, candidate)
            guard normalizedDistance <= 1 || distance <= 1 else { continue }
            if let current = best, (current.normalizedDistance, current.distance) <= (normalizedDistance, distance) {
                continue
            }
            best = (candidate, normalizedDistance, distance)
        }
        return best?.name
    }

    /// Lower case without `-` and `_`.
    static func normalized(_ key: String) -> String {
        String(key.lowercased().filter { $0 != "-" && $0 != "_" })
    }
}

extension MisspeltFieldSchema {
    // MARK: Compose

    static let composeService = MisspeltFieldSchema(
        known: [
            "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command",
            "configs", "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period",
            "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec", "depends_on", "deploy", "develop",
            "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "env_file",
            "environment", "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck",
            "hostname", "image", "init", "ipc", "isolation", "label_file", "labels", "links", "logging", "mac_address",
            "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode", "networks",
            "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop",
            "privileged", "profiles", "provider", "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime",
            "scale", "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal",
            "storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "use_api_socket", "user", "userns_mode", "uts",
            "volumes", "volumes_from", "working_dir",
        ],
        hardening: [
            "read_only", "user", "privileged", "cap_add", "cap_drop", "security_opt", "pids_limit", "mem_limit",
            "mem_reservation", "memswap_limit", "cpus", "cpu_shares", "healthcheck", "tmpfs", "userns_mode",
            "network_mode", "pid", "ipc", "uts", "cgroup", "cgroup_parent", "devices", "sysctls", "ulimits", "restart",
            "init", "use_api_socket", "volumes", "ports", "deploy", "image", "environment", "secrets", "pull_policy",
        ],
        children: [
            "deploy": MisspeltFieldSchema(
                known: [
                    "endpoint_mode", "labels", "mode", "placement", "replicas", "resources", "restart_policy",
                    "rollback_config", "update_config",
                ],
                hardening: ["resources", "restart_policy"],
                children: [
                    "resources": MisspeltFieldSchema(
                        known: ["limits", "reservations"],
                        children: [
                            "limits": MisspeltFieldSchema(known: ["cpus", "memory", "pids"]),
                            "reservations": MisspeltFieldSchema(
                                known: ["cpus", "devices", "generic_resources", "memory"], hardening: ["cpus", "memory"]),
                        ]),
                    "restart_policy": MisspeltFieldSchema(known: ["condition", "delay", "max_attempts", "window"]),
                ]),
            "healthcheck": MisspeltFieldSchema(
                known: ["disable", "interval", "retries", "start_interval", "start_period", "test", "timeout"]),
        ])

    // MARK: Kubernetes

    static let kubernetesProfile = MisspeltFieldSchema(known: ["type", "localhostProfile"])

    static let kubernetesSecurityContextChildren: [String: MisspeltFieldSchema] = [
        "seccompProfile": kubernetesProfile,
        "appArmorProfile": kubernetesProfile,
        "seLinuxOptions": MisspeltFieldSchema(known: ["level", "role", "type", "user"]),
        "windowsOptions": MisspeltFieldSchema(
            known: ["gmsaCredentialSpec", "gmsaCredentialSpecName", "hostProcess", "runAsUserName"]),
    ]

    static let kubernetesPodSecurityContext = MisspeltFieldSchema(
        known: [
            "runAsNonRoot", "runAsUser", "runAsGroup", "seccompProfile", "appArmorProfile", "seLinuxOptions",
            "supplementalGroups", "supplementalGroupsPolicy", "fsGroup", "fsGroupChangePolicy", "sysctls",
            "windowsOptions", "seLinuxChangePolicy",
        ],
        children: kubernetesSecurityContextChildren)

    static let kubernetesContainerSecurityContext = MisspeltFieldSchema(
        known: [
            "runAsNonRoot", "runAsUser", "runAsGroup", "readOnlyRootFilesystem", "allowPrivilegeEscalation",
            "privileged", "capabilities", "seccompProfile", "appArmorProfile", "seLinuxOptions", "procMount",
            "windowsOptions",
        ],
        children: kubernetesSecurityContextChildren.merging(
            ["capabilities": MisspeltFieldSchema(known: ["add", "drop"])]) { first, _ in first })

    static let kubernetesResourceList = MisspeltFieldSchema(
        known: ["cpu", "memory", "ephemeral-storage"], allowsQualifiedNames: true)

    static let kubernetesResources = MisspeltFieldSchema(
        known: ["limits", "requests", "claims"], hardening: ["limits", "requests"],
        children: ["limits": kubernetesResourceList, "requests": kubernetesResourceList])

    static let kubernetesContainer = MisspeltFieldSchema(
        known: [
            "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "resizePolicy",
            "restartPolicy", "restartPolicyRules", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe",
            "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy",
            "securityContext", "stdin", "stdinOnce", "tty", "targetContainerName",
        ],
        hardening: [
            "securityContext", "resources", "livenessProbe", "readinessProbe", "startupProbe", "image",
            "imagePullPolicy", "volumeMounts", "env", "envFrom", "lifecycle", "restartPolicy",
        ],
        children: ["securityContext": kubernetesContainerSecurityContext, "resources": kubernetesResources])

    static let kubernetesPodSpec = MisspeltFieldSchema(
        known: [
            "volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
            "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector",
            "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork", "hostPID",
            "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname", "subdomain",
            "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName", "priority", "dnsConfig",
            "readinessGates", "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "overhead",
            "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers", "schedulingGates", "resourceClaims",
            "resources", "hostnameOverride", "workloadRef",
        ],
        hardening: [
            "hostNetwork", "hostPID", "hostIPC", "hostUsers", "shareProcessNamespace", "automountServiceAccountToken",
            "securityContext", "serviceAccountName", "runtimeClassName", "volumes", "containers", "initContainers",
        ],
        children: ["securityContext": kubernetesPodSecurityContext, "resources": kubernetesResources])
}
