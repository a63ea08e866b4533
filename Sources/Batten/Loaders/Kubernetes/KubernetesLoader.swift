import BattenYAML

/// Extracts workloads from Kubernetes manifests: every workload kind to one pod-spec model.
public struct KubernetesLoader: Sendable {
    public init() {}

    /// Extracts the workloads, ServiceAccounts and notes of one file's documents.
    ///
    /// Objects come from every non-empty document and from the `items` of `List` and `*List`
    /// objects. Workload kinds become ``Workload``s; ServiceAccounts are collected for ``link(_:serviceAccounts:)``
    /// and ConfigMaps for the rules that look at them; other built-in kinds and custom resources of well-known add-ons that hold no pods are skipped
    /// with a note. Any other object with a pod template at a known place (``KubernetesKinds/podTemplatePaths``)
    /// is audited as a workload of its kind, with a note on its findings. A workload kind under an
    /// `apiVersion` that does not serve it, an unknown kind of a group Kubernetes serves, and (once
    /// per kind) an unknown custom resource are warnings: a typo never silently drops a workload.
    /// A value of the wrong type is a located diagnostic and the rest of the object still loads.
    public func load(_ documents: [YAMLDocument], path: String) -> KubernetesLoadResult {
        load(documents, path: path, previousEnd: 0)
    }

    /// ``load(_:path:)`` for a run of consecutive documents of a file; `previousEnd` is where the
    /// document before them ends (a Helm `# Source:` comment is looked for after it).
    func load(_ documents: [YAMLDocument], path: String, previousEnd: Int) -> KubernetesLoadResult {
        var result = KubernetesLoadResult()
        let collected = KubernetesObjectReader.objects(in: documents, previousEnd: previousEnd)
        result.diagnostics += collected.diagnostics
        var skipped = SkippedKinds()
        for object in collected.objects {
            var reader = ManifestReader(document: object.document)
            defer { result.diagnostics += reader.diagnostics }
            if let kind = KubernetesKinds.workload(kind: object.kind, apiVersion: object.apiVersion) {
                if object.kind == "Rollout", let reference = Self.workloadReference(of: object, reader: &reader) {
                    reader.report(
                        .note, at: reference,
                        "\(object.displayName) takes its pod template from the workload named in spec.workloadRef; that object is audited on its own")
                    continue
                }
                if let workload = WorkloadExtraction.workload(from: object, kind: kind, path: path, reader: &reader) {
                    result.workloads.append(workload)
                }
                continue
            }
            let group = KubernetesKinds.group(of: object.apiVersion)
            if let groups = KubernetesKinds.mismatchedGroups(kind: object.kind, apiVersion: object.apiVersion) {
                let fitting = groups.map { $0.isEmpty ? "v1" : "\($0)/…" }.joined(separator: " or ")
                reader.report(
                    .warning, at: object.apiVersionNode ?? object.root,
                    "skipped \(object.displayName): apiVersion \(object.apiVersion) does not serve \(object.kind) (use \(fitting)), so it is not audited")
                continue
            }
            if object.kind == "ServiceAccount" && group.isEmpty {
                result.serviceAccounts.append(ServiceAccountLinking.serviceAccount(object, reader: &reader))
                continue
            }
            if object.kind == "ConfigMap" && group.isEmpty {
                result.configMaps.append(ConfigMapReading.configMap(object, path: path, reader: &reader))
                continue
            }
            let isBuiltIn = KubernetesKinds.isCoreServedGroup(group)
            if isBuiltIn && KubernetesKinds.nonWorkloads.contains(object.kind) { continue }
            if let kind = PodTemplateDetection.workloadKind(of: object) {
                let note = PodTemplateDetection.note(for: kind, object: object)
                if let workload = WorkloadExtraction.workload(from: object, kind: kind, path: path, auditNote: note, reader: &reader) {
                    result.workloads.append(workload)
                }
                if isBuiltIn {
                    reader.report(
                        .warning, at: object.kindNode ?? object.root,
                        "unknown kind \(object.displayName) in a group Kubernetes serves; audited for its pod template")
                }
                continue
            }
            if isBuiltIn {
                reader.report(
                    .warning, at: object.kindNode ?? object.root,
                    "skipped unknown kind \(object.displayName): Kubernetes serves no such kind, so it is not audited")
            } else if KubernetesKinds.isKnownNonWorkload(kind: object.kind, group: group) {
                reader.report(.note, at: object.root, "skipped custom resource \(object.displayName)")
            } else {
                skipped.add(object, node: reader.ref(object.kindNode ?? object.root))
            }
        }
        result.diagnostics += skipped.warnings
        return result
    }

    /// The `spec.workloadRef` of a Rollout without a `spec.template` of its own.
    private static func workloadReference(of object: KubernetesObject, reader: inout ManifestReader) -> NodeID? {
        guard let spec = reader.mapping("spec", in: object.root, field: "spec"),
            reader.value("template", in: spec) == nil
        else { return nil }
        return reader.value("workloadRef", in: spec)
    }

    /// Only the ServiceAccount objects of `documents`: what linking needs from a file before its
    /// workloads are loaded.
    public func serviceAccounts(in documents: [YAMLDocument], path: String) -> [KubernetesServiceAccount] {
        var accounts: [KubernetesServiceAccount] = []
        for object in KubernetesObjectReader.objects(in: documents, previousEnd: 0).objects
        where object.kind == "ServiceAccount" && KubernetesKinds.group(of: object.apiVersion).isEmpty {
            var reader = ManifestReader(document: object.document)
            accounts.append(ServiceAccountLinking.serviceAccount(object, reader: &reader))
        }
        return accounts
    }

    /// Fills `serviceAccountAutomount` of every workload from the ServiceAccounts found in the whole input.
    public static func link(_ workloads: inout [Workload], serviceAccounts: [KubernetesServiceAccount]) {
        ServiceAccountLinking.link(&workloads, serviceAccounts: serviceAccounts)
    }
}

/// What one file yields.
public struct KubernetesLoadResult: Sendable {
    public var workloads: [Workload] = []
    public var serviceAccounts: [KubernetesServiceAccount] = []
    /// The ConfigMaps, for the rules that look at them (``ConfigMapRule``).
    public var configMaps: [KubernetesConfigMap] = []
    /// Notes (skipped custom resources, unknown kinds), warnings and errors (a workload that cannot be read).
    public var diagnostics: [Diagnostic] = []

    public init(workloads: [Workload] = [], serviceAccounts: [KubernetesServiceAccount] = [], diagnostics: [Diagnostic] = []) {
        self.workloads = workloads
        self.serviceAccounts = serviceAccounts
        self.diagnostics = diagnostics
    }
}

/// A ServiceAccount object of the input.
public struct KubernetesServiceAccount: Sendable {
    public var name: String
    public var namespace: String?
    public var automountServiceAccountToken: Sourced<Bool>?
    public var node: NodeRef

    public init(name: String, namespace: String?, automountServiceAccountToken: Sourced<Bool>?, node: NodeRef) {
        self.name = name
        self.namespace = namespace
        self.automountServiceAccountToken = automountServiceAccountToken
        self.node = node
    }
}
