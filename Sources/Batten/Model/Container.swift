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
/// A nil field is unset everywhere; findings for it point at ``location``.
public struct Container: Sendable {
    public var name: String {
        get { fields.read.pointee.name }
        _modify { yield &fields.write.pointee.name }
    }
    public var role: ContainerRole {
        get { fields.read.pointee.role }
        _modify { yield &fields.write.pointee.role }
    }
    /// Where a finding about a missing container setting points: the Compose service key, or the
    /// Kubernetes container mapping (the line of `- name:`).
    public var location: NodeRef {
        get { fields.read.pointee.location }
        _modify { yield &fields.write.pointee.location }
    }
    /// The mapping that holds the container's settings (service mapping / container mapping).
    public var node: NodeRef {
        get { fields.read.pointee.node }
        _modify { yield &fields.write.pointee.node }
    }

    public var image: Sourced<String>? {
        get { fields.read.pointee.image }
        _modify { yield &fields.write.pointee.image }
    }

    // MARK: Identity

    /// Compose `user` as written after interpolation (`1000`, `1000:1000`, `app`, `root:root`).
    public var user: Sourced<String>? {
        get { fields.read.pointee.user }
        _modify { yield &fields.write.pointee.user }
    }
    /// Effective user id: Kubernetes `runAsUser` (container, else pod); Compose: the numeric user
    /// part of `user`, or 0 for `root`.
    public var runAsUser: Sourced<Int>? {
        get { fields.read.pointee.runAsUser }
        _modify { yield &fields.write.pointee.runAsUser }
    }
    /// Effective group id: Kubernetes `runAsGroup`; Compose: the numeric group part of `user`, or 0 for `root`.
    public var runAsGroup: Sourced<Int>? {
        get { fields.read.pointee.runAsGroup }
        _modify { yield &fields.write.pointee.runAsGroup }
    }
    /// Kubernetes effective `runAsNonRoot`.
    public var runAsNonRoot: Sourced<Bool>? {
        get { fields.read.pointee.runAsNonRoot }
        _modify { yield &fields.write.pointee.runAsNonRoot }
    }

    // MARK: Privileges

    public var privileged: Sourced<Bool>? {
        get { fields.read.pointee.privileged }
        _modify { yield &fields.write.pointee.privileged }
    }
    /// Kubernetes `allowPrivilegeEscalation`; Compose: false when `security_opt` has
    /// `no-new-privileges` (`:true`, `=true` or bare), true for `no-new-privileges:false`, pointing at that entry.
    public var allowPrivilegeEscalation: Sourced<Bool>? {
        get { fields.read.pointee.allowPrivilegeEscalation }
        _modify { yield &fields.write.pointee.allowPrivilegeEscalation }
    }
    /// Kubernetes `readOnlyRootFilesystem`; Compose `read_only`.
    public var readOnlyRootFilesystem: Sourced<Bool>? {
        get { fields.read.pointee.readOnlyRootFilesystem }
        _modify { yield &fields.write.pointee.readOnlyRootFilesystem }
    }
    /// Kubernetes `capabilities.add`; Compose `cap_add`. Names as written (`NET_ADMIN`, `CAP_NET_ADMIN`, `ALL`).
    public var capabilitiesAdded: [Sourced<String>] {
        get { fields.read.pointee.capabilitiesAdded }
        _modify { yield &fields.write.pointee.capabilitiesAdded }
    }
    /// Kubernetes `capabilities.drop`; Compose `cap_drop`.
    public var capabilitiesDropped: [Sourced<String>] {
        get { fields.read.pointee.capabilitiesDropped }
        _modify { yield &fields.write.pointee.capabilitiesDropped }
    }
    /// The node of the `add` / `cap_add` list, when present.
    public var capabilitiesAddNode: NodeRef? {
        get { fields.read.pointee.capabilitiesAddNode }
        _modify { yield &fields.write.pointee.capabilitiesAddNode }
    }
    /// The node of the `drop` / `cap_drop` list, when present.
    public var capabilitiesDropNode: NodeRef? {
        get { fields.read.pointee.capabilitiesDropNode }
        _modify { yield &fields.write.pointee.capabilitiesDropNode }
    }
    /// Kubernetes effective `seccompProfile` (container, else pod; the legacy annotations are kept in
    /// ``KubernetesPodDetails``); Compose `security_opt` `seccomp:…`.
    public var seccomp: Sourced<SecurityProfile>? {
        get { fields.read.pointee.seccomp }
        _modify { yield &fields.write.pointee.seccomp }
    }
    /// Kubernetes effective `appArmorProfile`; Compose `security_opt` `apparmor:…`.
    public var appArmor: Sourced<SecurityProfile>? {
        get { fields.read.pointee.appArmor }
        _modify { yield &fields.write.pointee.appArmor }
    }
    /// Kubernetes effective `seLinuxOptions`; Compose `security_opt` `label:…` entries.
    public var seLinux: Sourced<SELinuxSettings>? {
        get { fields.read.pointee.seLinux }
        _modify { yield &fields.write.pointee.seLinux }
    }
    /// Kubernetes `procMount` (`Default` / `Unmasked`).
    public var procMount: Sourced<String>? {
        get { fields.read.pointee.procMount }
        _modify { yield &fields.write.pointee.procMount }
    }
    /// Kubernetes effective `windowsOptions.hostProcess`.
    public var windowsHostProcess: Sourced<Bool>? {
        get { fields.read.pointee.windowsHostProcess }
        _modify { yield &fields.write.pointee.windowsHostProcess }
    }

    // MARK: Filesystem, devices, network

    /// Compose `volumes` entries (binds, named volumes, tmpfs); Kubernetes `volumeMounts` joined with the
    /// pod volume they name.
    public var mounts: [Mount] {
        get { fields.read.pointee.mounts }
        _modify { yield &fields.write.pointee.mounts }
    }
    /// Compose `tmpfs` entries (paths, with options after a colon).
    public var tmpfs: [Sourced<String>] {
        get { fields.read.pointee.tmpfs }
        _modify { yield &fields.write.pointee.tmpfs }
    }
    /// Compose `devices` entries; Kubernetes has none (host devices arrive through hostPath volumes).
    public var devices: [Sourced<String>] {
        get { fields.read.pointee.devices }
        _modify { yield &fields.write.pointee.devices }
    }
    public var ports: [Port] {
        get { fields.read.pointee.ports }
        _modify { yield &fields.write.pointee.ports }
    }

    // MARK: Resources and health

    public var limits: ResourceSettings {
        get { fields.read.pointee.limits }
        _modify { yield &fields.write.pointee.limits }
    }
    public var requests: ResourceSettings {
        get { fields.read.pointee.requests }
        _modify { yield &fields.write.pointee.requests }
    }
    /// Compose `healthcheck`.
    public var healthcheck: HealthCheck? {
        get { fields.read.pointee.healthcheck }
        _modify { yield &fields.write.pointee.healthcheck }
    }
    public var livenessProbe: Probe? {
        get { fields.read.pointee.livenessProbe }
        _modify { yield &fields.write.pointee.livenessProbe }
    }
    public var readinessProbe: Probe? {
        get { fields.read.pointee.readinessProbe }
        _modify { yield &fields.write.pointee.readinessProbe }
    }
    public var startupProbe: Probe? {
        get { fields.read.pointee.startupProbe }
        _modify { yield &fields.write.pointee.startupProbe }
    }
    /// Kubernetes lifecycle handlers (`postStart`, `preStop`).
    public var lifecycleHandlers: [Probe] {
        get { fields.read.pointee.lifecycleHandlers }
        _modify { yield &fields.write.pointee.lifecycleHandlers }
    }

    // MARK: Environment

    public var environment: [EnvironmentVariable] {
        get { fields.read.pointee.environment }
        _modify { yield &fields.write.pointee.environment }
    }

    /// Kubernetes-only details (raw securityContext, resources node, envFrom).
    public var kubernetes: KubernetesContainerDetails? {
        get { fields.read.pointee.kubernetes }
        _modify { yield &fields.write.pointee.kubernetes }
    }

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
        fields = SharedFields(Fields(name: name, role: role, location: location, node: node, image: image, user: user, runAsUser: runAsUser, runAsGroup: runAsGroup, runAsNonRoot: runAsNonRoot, privileged: privileged, allowPrivilegeEscalation: allowPrivilegeEscalation, readOnlyRootFilesystem: readOnlyRootFilesystem, capabilitiesAdded: capabilitiesAdded, capabilitiesDropped: capabilitiesDropped, capabilitiesAddNode: capabilitiesAddNode, capabilitiesDropNode: capabilitiesDropNode, seccomp: seccomp, appArmor: appArmor, seLinux: seLinux, procMount: procMount, windowsHostProcess: windowsHostProcess, mounts: mounts, tmpfs: tmpfs, devices: devices, ports: ports, limits: limits, requests: requests, healthcheck: healthcheck, livenessProbe: livenessProbe, readinessProbe: readinessProbe, startupProbe: startupProbe, lifecycleHandlers: lifecycleHandlers, environment: environment, kubernetes: kubernetes))
    }

    /// The stored fields, shared by copies until one changes (``SharedFields``).
    private var fields: SharedFields<Fields>

    private struct Fields: Sendable {
        var name: String
        var role: ContainerRole
        var location: NodeRef
        var node: NodeRef
        var image: Sourced<String>?
        var user: Sourced<String>?
        var runAsUser: Sourced<Int>?
        var runAsGroup: Sourced<Int>?
        var runAsNonRoot: Sourced<Bool>?
        var privileged: Sourced<Bool>?
        var allowPrivilegeEscalation: Sourced<Bool>?
        var readOnlyRootFilesystem: Sourced<Bool>?
        var capabilitiesAdded: [Sourced<String>]
        var capabilitiesDropped: [Sourced<String>]
        var capabilitiesAddNode: NodeRef?
        var capabilitiesDropNode: NodeRef?
        var seccomp: Sourced<SecurityProfile>?
        var appArmor: Sourced<SecurityProfile>?
        var seLinux: Sourced<SELinuxSettings>?
        var procMount: Sourced<String>?
        var windowsHostProcess: Sourced<Bool>?
        var mounts: [Mount]
        var tmpfs: [Sourced<String>]
        var devices: [Sourced<String>]
        var ports: [Port]
        var limits: ResourceSettings
        var requests: ResourceSettings
        var healthcheck: HealthCheck?
        var livenessProbe: Probe?
        var readinessProbe: Probe?
        var startupProbe: Probe?
        var lifecycleHandlers: [Probe]
        var environment: [EnvironmentVariable]
        var kubernetes: KubernetesContainerDetails?
    }
}
