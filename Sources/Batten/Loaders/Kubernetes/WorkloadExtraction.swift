import BattenYAML

/// The one extractor from every workload kind to ``Workload``: it finds the pod template by the
/// kind's path (``KubernetesKinds``), reads the pod spec and its containers, and applies the
/// pod `securityContext` defaults to every container.
enum WorkloadExtraction {
    /// The workload of `object`, or nil (with an error) when the object has no pod spec. `auditNote`
    /// becomes ``KubernetesPodDetails/auditNote``.
    static func workload(
        from object: KubernetesObject, kind: KubernetesKinds.WorkloadKind, path: String, auditNote: String? = nil,
        reader: inout ManifestReader
    ) -> Workload? {
        let name = object.name ?? "<unnamed>"
        if object.name == nil {
            reader.report(.warning, at: object.metadata ?? object.root, "\(object.kind) has no metadata.name")
        }
        var template = object.root
        var field: [String] = []
        for key in kind.templatePath {
            field.append(key)
            let written = reader.value(key, in: template) != nil
            guard let next = reader.mapping(key, in: template, field: field.joined(separator: ".")) else {
                if !written {
                    reader.report(.error, at: template, "\(object.kind) \(name) has no \(field.joined(separator: "."))")
                }
                return nil
            }
            template = next
        }
        let specField = (kind.templatePath + ["spec"]).joined(separator: ".")
        guard let specEntry = reader.entry("spec", in: template), !reader.document.isNull(specEntry.value) else {
            reader.report(.error, at: template, "\(object.kind) \(name) has no \(specField)")
            return nil
        }
        guard let podSpec = reader.mapping(specEntry.value, field: specField) else { return nil }

        let templateMetadata =
            kind.templatePath.isEmpty
            ? nil : reader.mapping("metadata", in: template, field: (kind.templatePath + ["metadata"]).joined(separator: "."))
        let objectLabels = reader.metadataMap("labels", in: object.metadata, field: "metadata")
        let objectAnnotations = reader.metadataMap("annotations", in: object.metadata, field: "metadata")
        let templateMetadataField = (kind.templatePath + ["metadata"]).joined(separator: ".")
        let templateLabels = reader.metadataMap("labels", in: templateMetadata, field: templateMetadataField)
        let templateAnnotations = reader.metadataMap("annotations", in: templateMetadata, field: templateMetadataField)
        let podAnnotations = kind.templatePath.isEmpty ? objectAnnotations : templateAnnotations
        let labels = PodAnnotations.merged(objectLabels, templateLabels)
        let annotations = PodAnnotations.merged(objectAnnotations, templateAnnotations)

        let podSecurityContext = reader.securityContext(in: podSpec, level: .pod, field: specField)
        let volumes = reader.podVolumes(in: podSpec, field: specField)
        var mountable = volumes.volumes
        if object.kind == "StatefulSet", let spec = reader.mapping("spec", in: object.root, field: "spec") {
            mountable += reader.volumeClaimTemplates(in: spec, field: "spec")
        }
        var containers = reader.containers(in: podSpec, volumes: mountable, field: specField)
        for index in containers.indices {
            SecurityContextInheritance.apply(pod: podSecurityContext, to: &containers[index])
        }
        if containers.allSatisfy({ $0.role != .main }), reader.value("containers", in: podSpec) == nil {
            reader.report(.warning, at: podSpec, "\(object.kind) \(name) has no containers")
        }

        let restartPolicy = reader.string("restartPolicy", in: podSpec, field: specField + ".restartPolicy")
        let runsToCompletion = restartPolicy?.value == "Never" || restartPolicy?.value == "OnFailure"
        var osName: Sourced<String>?
        if let os = reader.mapping("os", in: podSpec, field: specField + ".os") {
            osName = reader.string("name", in: os, field: specField + ".os.name")
        }
        var details = KubernetesPodDetails(
            apiVersion: object.apiVersion, metadataNode: object.metadata.map(reader.ref),
            templateMetadataNode: templateMetadata.map(reader.ref), podSecurityContext: podSecurityContext,
            volumes: volumes.volumes,
            automountServiceAccountToken: reader.bool(
                "automountServiceAccountToken", in: podSpec, field: specField + ".automountServiceAccountToken"),
            serviceAccountName: reader.string("serviceAccountName", in: podSpec, field: specField + ".serviceAccountName")
                ?? reader.string("serviceAccount", in: podSpec, field: specField + ".serviceAccount"),
            seccompAnnotations: PodAnnotations.seccomp(podAnnotations),
            appArmorAnnotations: PodAnnotations.appArmor(podAnnotations), restartPolicy: restartPolicy,
            isLongRunning: kind.isLongRunning && !runsToCompletion, osName: osName, volumesNode: volumes.node)
        details.auditNote = auditNote

        return Workload(
            format: .kubernetes, kind: object.kind, name: name, namespace: object.namespace, path: path,
            location: reader.ref(specEntry.key), node: reader.ref(podSpec), objectNode: reader.ref(object.root),
            sourceTemplate: object.sourceTemplate, containers: containers.map { $0.build() },
            hostNetwork: reader.bool("hostNetwork", in: podSpec, field: specField + ".hostNetwork"),
            hostPID: reader.bool("hostPID", in: podSpec, field: specField + ".hostPID"),
            hostIPC: reader.bool("hostIPC", in: podSpec, field: specField + ".hostIPC"),
            hostUsers: reader.bool("hostUsers", in: podSpec, field: specField + ".hostUsers"),
            sysctls: podSecurityContext.sysctls,
            labels: dictionary(labels), annotations: dictionary(annotations),
            suppressions: PodAnnotations.suppressions(annotations), kubernetes: details)
    }

    private static func dictionary(_ entries: [MetadataEntry]) -> [String: Sourced<String>] {
        var result: [String: Sourced<String>] = [:]
        for entry in entries { result[entry.name] = entry.value }
        return result
    }
}
