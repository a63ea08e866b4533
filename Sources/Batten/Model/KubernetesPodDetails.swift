import BattenYAML

/// Kubernetes-only settings of a pod template.
public struct KubernetesPodDetails: Sendable {
    public var apiVersion: String
    /// The object's `metadata` mapping.
    public var metadataNode: NodeRef?
    /// The pod template's `metadata` mapping (templated kinds), where pod annotations live.
    public var templateMetadataNode: NodeRef?
    /// The pod-level `securityContext` as written (no inheritance applied).
    public var podSecurityContext: SecurityContextSettings
    /// Every pod volume, mounted or not.
    public var volumes: [PodVolume]
    /// Pod `automountServiceAccountToken`.
    public var automountServiceAccountToken: Sourced<Bool>?
    public var serviceAccountName: Sourced<String>?
    /// `automountServiceAccountToken` of the named ServiceAccount when that object is in the same input.
    public var serviceAccountAutomount: Sourced<Bool>?
    /// Legacy `seccomp.security.alpha.kubernetes.io/pod` and `container.seccomp.security.alpha.kubernetes.io/<name>` annotations.
    public var seccompAnnotations: [String: Sourced<String>]
    /// Legacy `container.apparmor.security.beta.kubernetes.io/<name>` annotations.
    public var appArmorAnnotations: [String: Sourced<String>]
    public var restartPolicy: Sourced<String>?
    /// False for Jobs and CronJobs and for pods whose `restartPolicy` is `Never` or `OnFailure`
    /// (they run to completion); true for the rest.
    public var isLongRunning: Bool
    /// `spec.os.name` (`linux`, `windows`): Pod Security Standards exempt Windows pods from some
    /// restricted controls.
    public var osName: Sourced<String>?
    /// The pod spec's `volumes` list, when present.
    public var volumesNode: NodeRef?
    /// Why an object of a kind Batten does not know is audited (its pod template), shown with every
    /// finding of the workload; nil for the kinds Batten knows.
    public var auditNote: String?

    public init(
        apiVersion: String, metadataNode: NodeRef? = nil, templateMetadataNode: NodeRef? = nil,
        podSecurityContext: SecurityContextSettings = SecurityContextSettings(), volumes: [PodVolume] = [],
        automountServiceAccountToken: Sourced<Bool>? = nil, serviceAccountName: Sourced<String>? = nil,
        serviceAccountAutomount: Sourced<Bool>? = nil, seccompAnnotations: [String: Sourced<String>] = [:],
        appArmorAnnotations: [String: Sourced<String>] = [:], restartPolicy: Sourced<String>? = nil,
        isLongRunning: Bool = true, osName: Sourced<String>? = nil, volumesNode: NodeRef? = nil
    ) {
        self.apiVersion = apiVersion
        self.metadataNode = metadataNode
        self.templateMetadataNode = templateMetadataNode
        self.podSecurityContext = podSecurityContext
        self.volumes = volumes
        self.automountServiceAccountToken = automountServiceAccountToken
        self.serviceAccountName = serviceAccountName
        self.serviceAccountAutomount = serviceAccountAutomount
        self.seccompAnnotations = seccompAnnotations
        self.appArmorAnnotations = appArmorAnnotations
        self.restartPolicy = restartPolicy
        self.isLongRunning = isLongRunning
        self.osName = osName
        self.volumesNode = volumesNode
    }
}

/// Kubernetes-only settings of a container.
public struct KubernetesContainerDetails: Sendable {
    /// The container's own `securityContext` as written (no inheritance applied).
    public var securityContext: SecurityContextSettings
    public var resourcesNode: NodeRef?
    public var imagePullPolicy: Sourced<String>?
    /// `envFrom` sources (`secretRef:name`, `configMapRef:name`).
    public var envFrom: [Sourced<String>]
    /// The container's own `restartPolicy` (`Always` makes an init container a sidecar).
    public var restartPolicy: Sourced<String>?
    /// The `env` list, when present.
    public var envNode: NodeRef?
    /// The `volumeMounts` list, when present.
    public var volumeMountsNode: NodeRef?
    /// The `ports` list, when present.
    public var portsNode: NodeRef?

    public init(
        securityContext: SecurityContextSettings = SecurityContextSettings(), resourcesNode: NodeRef? = nil,
        imagePullPolicy: Sourced<String>? = nil, envFrom: [Sourced<String>] = [], restartPolicy: Sourced<String>? = nil,
        envNode: NodeRef? = nil, volumeMountsNode: NodeRef? = nil, portsNode: NodeRef? = nil
    ) {
        self.securityContext = securityContext
        self.resourcesNode = resourcesNode
        self.imagePullPolicy = imagePullPolicy
        self.envFrom = envFrom
        self.restartPolicy = restartPolicy
        self.envNode = envNode
        self.volumeMountsNode = volumeMountsNode
        self.portsNode = portsNode
    }
}

/// A Kubernetes `securityContext` exactly as written at one level (pod or container).
public struct SecurityContextSettings: Sendable {
    /// The `securityContext` mapping, when present.
    public var node: NodeRef?
    public var runAsUser: Sourced<Int>?
    public var runAsGroup: Sourced<Int>?
    public var runAsNonRoot: Sourced<Bool>?
    public var privileged: Sourced<Bool>?
    public var allowPrivilegeEscalation: Sourced<Bool>?
    public var readOnlyRootFilesystem: Sourced<Bool>?
    public var capabilitiesAdd: [Sourced<String>]
    public var capabilitiesDrop: [Sourced<String>]
    /// The `capabilities` mapping, when present.
    public var capabilitiesNode: NodeRef?
    /// The `capabilities.add` list, when present.
    public var capabilitiesAddNode: NodeRef?
    /// The `capabilities.drop` list, when present.
    public var capabilitiesDropNode: NodeRef?
    public var seccompProfile: Sourced<SecurityProfile>?
    public var appArmorProfile: Sourced<SecurityProfile>?
    public var seLinuxOptions: Sourced<SELinuxSettings>?
    public var procMount: Sourced<String>?
    public var windowsHostProcess: Sourced<Bool>?
    /// Pod level only.
    public var sysctls: [Sourced<Sysctl>]
    public var fsGroup: Sourced<Int>?
    public var supplementalGroups: [Sourced<Int>]

    public init(
        node: NodeRef? = nil, runAsUser: Sourced<Int>? = nil, runAsGroup: Sourced<Int>? = nil,
        runAsNonRoot: Sourced<Bool>? = nil, privileged: Sourced<Bool>? = nil,
        allowPrivilegeEscalation: Sourced<Bool>? = nil, readOnlyRootFilesystem: Sourced<Bool>? = nil,
        capabilitiesAdd: [Sourced<String>] = [], capabilitiesDrop: [Sourced<String>] = [],
        seccompProfile: Sourced<SecurityProfile>? = nil, appArmorProfile: Sourced<SecurityProfile>? = nil,
        seLinuxOptions: Sourced<SELinuxSettings>? = nil, procMount: Sourced<String>? = nil,
        windowsHostProcess: Sourced<Bool>? = nil, sysctls: [Sourced<Sysctl>] = [], fsGroup: Sourced<Int>? = nil,
        supplementalGroups: [Sourced<Int>] = [], capabilitiesNode: NodeRef? = nil, capabilitiesAddNode: NodeRef? = nil,
        capabilitiesDropNode: NodeRef? = nil
    ) {
        self.node = node
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.privileged = privileged
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.capabilitiesAdd = capabilitiesAdd
        self.capabilitiesDrop = capabilitiesDrop
        self.seccompProfile = seccompProfile
        self.appArmorProfile = appArmorProfile
        self.seLinuxOptions = seLinuxOptions
        self.procMount = procMount
        self.windowsHostProcess = windowsHostProcess
        self.sysctls = sysctls
        self.fsGroup = fsGroup
        self.supplementalGroups = supplementalGroups
        self.capabilitiesNode = capabilitiesNode
        self.capabilitiesAddNode = capabilitiesAddNode
        self.capabilitiesDropNode = capabilitiesDropNode
    }
}
