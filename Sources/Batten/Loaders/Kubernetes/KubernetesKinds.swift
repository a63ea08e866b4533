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
        // OpenShift; version 3 also served it from the legacy core `v1`.
        "DeploymentConfig": WorkloadKind(
            templatePath: ["spec", "template"], groups: ["apps.openshift.io", ""], isLongRunning: true),
        // Argo Rollouts; a Rollout with `spec.workloadRef` takes its template from a Deployment instead.
        "Rollout": WorkloadKind(templatePath: ["spec", "template"], groups: ["argoproj.io"], isLongRunning: true),
    ]

    /// Where other objects keep a pod template, tried in order: an object with a pod spec (a
    /// mapping with a `containers` list) at one of them is audited as a workload of its kind.
    static let podTemplatePaths: [(templatePath: [String], isLongRunning: Bool)] = [
        (["spec", "template"], true),
        (["spec", "jobTemplate", "spec", "template"], false),
    ]

    /// The API groups Kubernetes itself serves that have a dot in their name. An unknown kind in
    /// one of them (or in a group without a dot: the core group, `apps`, `batch` …) is a mistake
    /// the API server rejects; other `.k8s.io` groups (Gateway API, snapshots, VPA) are add-ons.
    static let builtInDottedGroups: Set<String> = [
        "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "authentication.k8s.io",
        "authorization.k8s.io", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
        "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io",
        "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io",
        "storagemigration.k8s.io",
    ]

    /// API groups of well-known add-ons whose custom resources hold no pods (certificates,
    /// monitoring, service mesh and gateway routing, secrets, policies): skipped with a note only,
    /// since a Helm chart renders many of them.
    static let nonWorkloadGroups: Set<String> = [
        "acme.cert-manager.io", "cert-manager.io", "monitoring.coreos.com", "monitoring.grafana.com",
        "networking.istio.io", "security.istio.io", "telemetry.istio.io", "install.istio.io",
        "gateway.networking.k8s.io", "gateway.networking.x-k8s.io", "snapshot.storage.k8s.io",
        "autoscaling.k8s.io", "metrics.k8s.io", "policy.linkerd.io", "linkerd.io", "split.smi-spec.io",
        "traefik.io", "traefik.containo.us", "configuration.konghq.com", "projectcontour.io",
        "external-secrets.io", "generators.external-secrets.io", "bitnami.com", "secrets-store.csi.x-k8s.io",
        "keda.sh", "kyverno.io", "templates.gatekeeper.sh", "constraints.gatekeeper.sh", "cilium.io",
        "crd.projectcalico.org", "projectcalico.org", "route.openshift.io", "image.openshift.io",
        "config.openshift.io", "operator.openshift.io", "security.openshift.io", "velero.io",
        "source.toolkit.fluxcd.io", "kustomize.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io",
        "notification.toolkit.fluxcd.io", "image.toolkit.fluxcd.io",
    ]

    /// Kinds of a group that also serves a workload kind (Argo Rollouts' and Argo CD's
    /// `argoproj.io`) that hold no pods.
    static let nonWorkloadCustomKinds: Set<String> = [
        "argoproj.io/AnalysisRun", "argoproj.io/AnalysisTemplate", "argoproj.io/ClusterAnalysisTemplate",
        "argoproj.io/Application", "argoproj.io/ApplicationSet", "argoproj.io/AppProject",
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

    /// True for groups Kubernetes itself serves, in the strict sense of ``builtInDottedGroups``.
    static func isCoreServedGroup(_ group: String) -> Bool {
        !group.contains(".") || builtInDottedGroups.contains(group)
    }

    /// True for a custom resource known to hold no pods.
    static func isKnownNonWorkload(kind: String, group: String) -> Bool {
        nonWorkloadGroups.contains(group) || nonWorkloadCustomKinds.contains("\(group)/\(kind)")
    }

    /// The groups `kind` is served from when it is a workload kind served from another group than
    /// `apiVersion`'s, within the groups Kubernetes serves (`v1` + `Deployment`, `apps/v1` + `Pod`).
    static func mismatchedGroups(kind: String, apiVersion: String) -> [String]? {
        let group = group(of: apiVersion)
        guard let workload = workloads[kind], !workload.groups.contains(group), isCoreServedGroup(group) else { return nil }
        return workload.groups.sorted()
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
