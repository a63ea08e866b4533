/// What Batten knows about Kubernetes kinds: where each workload kind keeps its pod spec, which
/// API groups are built in, and which built-in kinds hold no pods.
enum KubernetesKinds {
    /// A workload kind and the path of keys from the object's root to its pod template.
    struct WorkloadKind: Sendable {
        /// Keys from the root to the mapping holding the pod template's `metadata` and `spec`;
        /// empty for a Pod, whose own `metadata` and `spec` are the pod's.
        let templatePath: [String]
        /// API groups the kind is served from (`""` is the core group).
        let groups: Set<String>
        /// False for kinds whose pods run to completion.
        let isLongRunning: Bool

        /// The keys from the root to the pod spec.
        var podSpecPath: [String] { templatePath + ["spec"] }
    }

    /// Every kind that holds a pod template.
    static let workloads: [String: WorkloadKind] = [
        "Pod": WorkloadKind(templatePath: [], groups: [""], isLongRunning: true),
        "PodTemplate": WorkloadKind(templatePath: ["template"], groups: [""], isLongRunning: true),
        "ReplicationController": WorkloadKind(templatePath: ["spec", "template"], groups: [""], isLongRunning: true),
        "Deployment": WorkloadKind(templatePath: ["spec", "template"], groups: ["apps", "extensions"], isLongRunning: true),
        "ReplicaSet": WorkloadKind(templatePath: ["spec", "template"], groups: ["apps", "extensions"], isLongRunning: true),
        "StatefulSet": WorkloadKind(templatePath: ["spec", "template"], groups: ["apps"], isLongRunning: true),
        "DaemonSet": WorkloadKind(templatePath: ["spec", "template"], groups: ["apps", "extensions"], isLongRunning: true),
        "Job": WorkloadKind(templatePath: ["spec", "template"], groups: ["batch"], isLongRunning: false),
        "CronJob": WorkloadKind(
            templatePath: ["spec", "jobTemplate", "spec", "template"], groups: ["batch"], isLongRunning: false),
    ]

    /// Built-in kinds that hold no pods: skipped without a word.
    static let nonWorkloads: Set<String> = [
        "APIService", "Binding", "CertificateSigningRequest", "ClusterRole", "ClusterRoleBinding",
        "ComponentStatus", "ConfigMap", "ControllerRevision", "CSIDriver", "CSINode", "CSIStorageCapacity",
        "CustomResourceDefinition", "DeviceClass", "Endpoints", "EndpointSlice", "Event", "FlowSchema",
        "HorizontalPodAutoscaler", "Ingress", "IngressClass", "IPAddress", "Lease", "LimitRange",
        "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "MutatingWebhookConfiguration", "Namespace",
        "NetworkPolicy", "Node", "PersistentVolume", "PersistentVolumeClaim", "PodDisruptionBudget",
        "PriorityClass", "PriorityLevelConfiguration", "ResourceClaim", "ResourceClaimTemplate", "ResourceQuota",
        "ResourceSlice", "Role", "RoleBinding", "RuntimeClass", "Secret", "Service", "ServiceAccount",
        "ServiceCIDR", "StorageClass", "StorageVersionMigration", "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration", "VolumeAttachment",
        "VolumeAttributesClass",
    ]

    /// The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → the core group `""`).
    static func group(of apiVersion: String) -> String {
        guard let slash = apiVersion.lastIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// True for the groups Kubernetes itself serves: the core group, the unqualified ones
    /// (`apps`, `batch`, `policy` …) and those under `k8s.io`.
    static func isBuiltInGroup(_ group: String) -> Bool {
        !group.contains(".") || group == "k8s.io" || group.hasSuffix(".k8s.io")
    }

    /// The workload kind for an object, when Batten extracts pods from it.
    static func workload(kind: String, apiVersion: String) -> WorkloadKind? {
        guard let workload = workloads[kind], workload.groups.contains(group(of: apiVersion)) else { return nil }
        return workload
    }

    /// True for lists (`List`, `PodList`, `DeploymentList` …) whose `items` are objects.
    static func isList(_ kind: String) -> Bool { kind.hasSuffix("List") }

    /// The kind of the items of a typed list (`PodList` → `Pod`); nil for a plain `List`.
    static func itemKind(ofList kind: String) -> String? {
        guard kind != "List", kind.hasSuffix("List") else { return nil }
        return String(kind.dropLast("List".count))
    }
}
