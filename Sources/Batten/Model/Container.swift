import BattenYAML

/// The role of a container in its pod.
public enum ContainerRole: String, Sendable, Hashable, Codable {
    /// A Compose service's container or a Kubernetes `containers` entry.
    case main
    /// A Kubernetes `initContainers` entry that runs to completion.
    case `init`
    /// A Kubernetes `initContainers` entry with `restartPolicy: Always` (a sidecar).
    case sidecar
    /// A Kubernetes `ephemeralContainers` entry.
    case ephemeral

    /// True for containers that keep running next to the main ones (probes and limits matter).
    public var isLongRunning: Bool { self == .main || self == .sidecar }
}

/// One container with its effective settings.
///
/// Kubernetes inheritance is applied once, here: a field that the pod's `securityContext` sets and
/// the container's does not carries the pod value and the pod node; the container's own value wins.
/// A nil field is unset everywhere; findings for it point at ``location``. A container does not
/// change once loaded: loaders fill a ``ContainerBuilder`` and build it; copies share one instance.
public final class Container: Sendable {
    public let name: String
    public let role: ContainerRole
    /// Where a finding about a missing container setting points: the Compose service key, or the
    /// Kubernetes container mapping (the line of `- name:`).
    public let location: NodeRef
    /// The mapping that holds the container's settings (service mapping / container mapping).
    public let node: NodeRef

    public let image: Sourced<String>?

    // MARK: Identity

    /// Compose `user` as written after interpolation (`1000`, `1000:1000`, `app`, `root:root`).
    public let user: Sourced<String>?
    /// Effective user id: Kubernetes `runAsUser` (container, else pod); Compose: the numeric user
    /// part of `user`, or 0 for `root`.
    public let runAsUser: Sourced<Int>?
    /// Effective group id: Kubernetes `runAsGroup`; Compose: the numeric group part of `user`, or 0 for `root`.
    public let runAsGroup: Sourced<Int>?
    /// Kubernetes effective `runAsNonRoot`.
    public let runAsNonRoot: Sourced<Bool>?

    // MARK: Privileges

    public let privileged: Sourced<Bool>?
    /// Kubernetes `allowPrivilegeEscalation`; Compose: false when `security_opt` has
    /// `no-new-privileges` (`:true`, `=true` or bare), true for `no-new-privileges:false`, pointing at that entry.
    public let allowPrivilegeEscalation: Sourced<Bool>?
    /// Kubernetes `readOnlyRootFilesystem`; Compose `read_only`.
    public let readOnlyRootFilesystem: Sourced<Bool>?
    /// Kubernetes `capabilities.add`; Compose `cap_add`. Names as written (`NET_ADMIN`, `CAP_NET_ADMIN`, `ALL`).
    public let capabilitiesAdded: [Sourced<String>]
    /// Kubernetes `capabilities.drop`; Compose `cap_drop`.
    public let capabilitiesDropped: [Sourced<String>]
    /// The node of the `add` / `cap_add` list, when present.
    public let capabilitiesAddNode: NodeRef?
    /// The node of the `drop` / `cap_drop` list, when present.
    public let capabilitiesDropNode: NodeRef?
    /// Kubernetes effective `seccompProfile` (container, else pod; the legacy annotations are kept in
    /// ``KubernetesPodDetails``); Compose `security_opt` `seccomp:…`.
    public let seccomp: Sourced<SecurityProfile>?
    /// Kubernetes effective `appArmorProfile`; Compose `security_opt` `apparmor:…`.
    public let appArmor: Sourced<SecurityProfile>?
    /// Kubernetes effective `seLinuxOptions`; Compose `security_opt` `label:…` entries.
    public let seLinux: Sourced<SELinuxSettings>?
    /// Kubernetes `procMount` (`Default` / `Unmasked`).
    public let procMount: Sourced<String>?
    /// Kubernetes effective `windowsOptions.hostProcess`.
    public let windowsHostProcess: Sourced<Bool>?

    // MARK: Filesystem, devices, network

    /// Compose `volumes` entries (binds, named volumes, tmpfs); Kubernetes `volumeMounts` joined with the
    /// pod volume they name.
    public let mounts: [Mount]
    /// Compose `tmpfs` entries (paths, with options after a colon).
    public let tmpfs: [Sourced<String>]
    /// Compose `devices` entries; Kubernetes has none (host devices arrive through hostPath volumes).
    public let devices: [Sourced<String>]
    public let ports: [Port]

    // MARK: Resources and health

    public let limits: ResourceSettings
    public let requests: ResourceSettings
    /// Compose `healthcheck`.
    public let healthcheck: HealthCheck?
    public let livenessProbe: Probe?
    public let readinessProbe: Probe?
    public let startupProbe: Probe?
    /// Kubernetes lifecycle handlers (`postStart`, `preStop`).
    public let lifecycleHandlers: [Probe]

    // MARK: Environment

    public let environment: [EnvironmentVariable]

    /// Kubernetes-only details (raw securityContext, resources node, envFrom).
    public let kubernetes: KubernetesContainerDetails?

    public init(
        name: String, role: ContainerRole = .main, location: NodeRef, node: NodeRef, image: Sourced<String>? = nil,
        user: Sourced<String>? = nil, runAsUser: Sourced<Int>? = nil, runAsGroup: Sourced<Int>? = nil,
        runAsNonRoot: Sourced<Bool>? = nil, privileged: Sourced<Bool>? = nil,
        allowPrivilegeEscalation: Sourced<Bool>? = nil, readOnlyRootFilesystem: Sourced<Bool>? = nil,
        capabilitiesAdded: [Sourced<String>] = [], capabilitiesDropped: [Sourced<String>] = [],
        capabilitiesAddNode: NodeRef? = nil, capabilitiesDropNode: NodeRef? = nil,
        seccomp: Sourced<SecurityProfile>? = nil, appArmor: Sourced<SecurityProfile>? = nil,
        seLinux: Sourced<SELinuxSettings>? = nil, procMount: Sourced<String>? = nil,
        windowsHostProcess: Sourced<Bool>? = nil, mounts: [Mount] = [], tmpfs: [Sourced<String>] = [],
        devices: [Sourced<String>] = [], ports: [Port] = [], limits: ResourceSettings = ResourceSettings(),
        requests: ResourceSettings = ResourceSettings(), healthcheck: HealthCheck? = nil,
        livenessProbe: Probe? = nil, readinessProbe: Probe? = nil, startupProbe: Probe? = nil,
        lifecycleHandlers: [Probe] = [], environment: [EnvironmentVariable] = [],
        kubernetes: KubernetesContainerDetails? = nil
    ) {
        self.name = name
        self.role = role
        self.location = location
        self.node = node
        self.image = image
        self.user = user
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.privileged = privileged
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.capabilitiesAdded = capabilitiesAdded
        self.capabilitiesDropped = capabilitiesDropped
        self.capabilitiesAddNode = capabilitiesAddNode
        self.capabilitiesDropNode = capabilitiesDropNode
        self.seccomp = seccomp
        self.appArmor = appArmor
        self.seLinux = seLinux
        self.procMount = procMount
        self.windowsHostProcess = windowsHostProcess
        self.mounts = mounts
        self.tmpfs = tmpfs
        self.devices = devices
        self.ports = ports
        self.limits = limits
        self.requests = requests
        self.healthcheck = healthcheck
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycleHandlers = lifecycleHandlers
        self.environment = environment
        self.kubernetes = kubernetes
    }
}
