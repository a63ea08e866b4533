import BattenYAML

/// ServiceAccount objects and the workloads that use them.
enum ServiceAccountLinking {
    /// The ServiceAccount `object`.
    static func serviceAccount(_ object: KubernetesObject, reader: inout ManifestReader) -> KubernetesServiceAccount {
        KubernetesServiceAccount(
            name: object.name ?? "", namespace: object.namespace,
            automountServiceAccountToken: reader.bool(
                "automountServiceAccountToken", in: object.root, field: "automountServiceAccountToken"),
            node: reader.ref(object.root))
    }

    /// Sets `serviceAccountAutomount` of each Kubernetes workload whose account (`serviceAccountName`,
    /// else `default`) and namespace (unset is `default`) match a ServiceAccount of the input.
    static func link(_ workloads: inout [Workload], serviceAccounts: [KubernetesServiceAccount]) {
        Table(serviceAccounts).link(&workloads)
    }

    /// The ServiceAccounts of the input by namespace and name (the last of equal ones wins), built
    /// once and used for every part of the input.
    struct Table: Sendable {
        private var accounts: [String: KubernetesServiceAccount] = [:]

        init(_ serviceAccounts: [KubernetesServiceAccount]) {
            for account in serviceAccounts {
                accounts[ServiceAccountLinking.key(name: account.name, namespace: account.namespace)] = account
            }
        }

        /// ``ServiceAccountLinking/link(_:serviceAccounts:)`` with this table.
        func link(_ workloads: inout [Workload]) {
            guard !accounts.isEmpty else { return }
            for index in workloads.indices where workloads[index].format == .kubernetes {
                guard var details = workloads[index].kubernetes else { continue }
                let name = details.serviceAccountName?.value ?? "default"
                let account = accounts[ServiceAccountLinking.key(name: name.isEmpty ? "default" : name, namespace: workloads[index].namespace)]
                details.serviceAccountAutomount = account?.automountServiceAccountToken
                workloads[index] = workloads[index].linked(details)
            }
        }
    }

    fileprivate static func key(name: String, namespace: String?) -> String {
        (namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default") + "/" + name
    }
}

extension Workload {
    /// This workload with `details` (its ServiceAccount linked) in place of its Kubernetes details.
    fileprivate func linked(_ details: KubernetesPodDetails) -> Workload {
        Workload(
            format: format, kind: kind, name: name, namespace: namespace, path: path, location: location,
            node: node, objectNode: objectNode, sourceTemplate: sourceTemplate, containers: containers,
            hostNetwork: hostNetwork, hostPID: hostPID, hostIPC: hostIPC, hostUTS: hostUTS, hostUsers: hostUsers,
            sysctls: sysctls, labels: labels, annotations: annotations, suppressions: suppressions, compose: compose,
            kubernetes: details)
    }
}
