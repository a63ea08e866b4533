import BattenYAML

/// The settings of one container while a loader reads them, field by field; ``build()`` freezes
/// them into the ``Container`` that rules read. The fields are those of ``Container``.
struct ContainerBuilder {
    var name: String
    var role: ContainerRole = .main
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
    var capabilitiesAdded: [Sourced<String>] = []
    var capabilitiesDropped: [Sourced<String>] = []
    var capabilitiesAddNode: NodeRef?
    var capabilitiesDropNode: NodeRef?
    var seccomp: Sourced<SecurityProfile>?
    var appArmor: Sourced<SecurityProfile>?
    var seLinux: Sourced<SELinuxSettings>?
    var procMount: Sourced<String>?
    var windowsHostProcess: Sourced<Bool>?
    var mounts: [Mount] = []
    var tmpfs: [Sourced<String>] = []
    var devices: [Sourced<String>] = []
    var ports: [Port] = []
    var limits: ResourceSettings = ResourceSettings()
    var requests: ResourceSettings = ResourceSettings()
    var healthcheck: HealthCheck?
    var livenessProbe: Probe?
    var readinessProbe: Probe?
    var startupProbe: Probe?
    var lifecycleHandlers: [Probe] = []
    var environment: [EnvironmentVariable] = []
    var kubernetes: KubernetesContainerDetails?

    /// The container with these settings.
    func build() -> Container {
        Container(
            name: name, role: role, location: location, node: node, image: image, user: user, runAsUser: runAsUser,
            runAsGroup: runAsGroup, runAsNonRoot: runAsNonRoot, privileged: privileged,
            allowPrivilegeEscalation: allowPrivilegeEscalation, readOnlyRootFilesystem: readOnlyRootFilesystem,
            capabilitiesAdded: capabilitiesAdded, capabilitiesDropped: capabilitiesDropped,
            capabilitiesAddNode: capabilitiesAddNode, capabilitiesDropNode: capabilitiesDropNode, seccomp: seccomp,
            appArmor: appArmor, seLinux: seLinux, procMount: procMount, windowsHostProcess: windowsHostProcess,
            mounts: mounts, tmpfs: tmpfs, devices: devices, ports: ports, limits: limits, requests: requests,
            healthcheck: healthcheck, livenessProbe: livenessProbe, readinessProbe: readinessProbe,
            startupProbe: startupProbe, lifecycleHandlers: lifecycleHandlers, environment: environment,
            kubernetes: kubernetes)
    }
}
