import BattenYAML

/// Extracts workloads from Kubernetes manifests: every workload kind to one pod-spec model.
public struct KubernetesLoader: Sendable {
    public init() {}

    /// Extracts the workloads, ServiceAccounts and notes of one file's documents.
    ///
    /// Objects come from every non-empty document and from the `items` of `List` and `*List`
    /// objects. Workload kinds become ``Workload``s; ServiceAccounts are collected for ``link(_:serviceAccounts:)``;
    /// other built-in kinds are skipped silently, custom resources and unknown kinds with a note.
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
        for object in collected.objects {
            var reader = ManifestReader(document: object.document)
            defer { result.diagnostics += reader.diagnostics }
            if let kind = KubernetesKinds.workload(kind: object.kind, apiVersion: object.apiVersion) {
                if let workload = WorkloadExtraction.workload(from: object, kind: kind, path: path, reader: &reader) {
                    result.workloads.append(workload)
                }
                continue
            }
            let group = KubernetesKinds.group(of: object.apiVersion)
            guard KubernetesKinds.isBuiltInGroup(group) else {
                reader.report(.note, at: object.root, "skipped custom resource \(object.displayName)")
                continue
            }
            if object.kind == "ServiceAccount" && group.isEmpty {
                result.serviceAccounts.append(ServiceAccountLinking.serviceAccount(object, reader: &reader))
            } else if !KubernetesKinds.nonWorkloads.contains(object.kind) {
                reader.report(.note, at: object.root, "skipped unknown kind \(object.displayName)")
            }
        }
        return result
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
