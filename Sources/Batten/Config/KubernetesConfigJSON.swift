import BattenYAML

/// `batten config` for Kubernetes input: the extracted workloads with their effective settings and
/// the source position of every value.
///
/// Workloads appear in input order. A setting is `{"value": …, "line": N, "column": N}`, with
/// `"file"` when the value comes from another file than the workload and `"from": "pod"` when a
/// container inherits it from the pod `securityContext`; an unset setting is `null`. Literal
/// environment values are not printed (they may be secrets): `"literal": true` says one is there.
public enum KubernetesConfigJSON {
    /// An array with one object per workload, in the order given.
    public static func render(_ workloads: [Workload]) -> JSONValue {
        .array(workloads.map { WorkloadRenderer(workload: $0).render() })
    }
}

/// Renders one workload; knows the workload's file so that positions name another file only when needed.
private struct WorkloadRenderer {
    let workload: Workload

    func render() -> JSONValue {
        let details = workload.kubernetes
        return .object([
            ("kind", .string(workload.kind)),
            ("apiVersion", .string(details?.apiVersion)),
            ("name", .string(workload.name)),
            ("namespace", .string(workload.namespace)),
            ("file", .string(workload.path)),
            ("line", .int(workload.location.start.line)),
            ("column", .int(workload.location.start.column)),
            ("sourceTemplate", .string(workload.sourceTemplate)),
            ("labels", strings(workload.labels)),
            ("annotations", strings(workload.annotations)),
            ("suppressions", .array(workload.suppressions.map(suppression))),
            ("pod", pod(details)),
            ("volumes", .array((details?.volumes ?? []).map(volume))),
            ("containers", .array(workload.containers.map(container))),
        ])
    }

    // MARK: Pod

    private func pod(_ details: KubernetesPodDetails?) -> JSONValue {
        let context = details?.podSecurityContext ?? SecurityContextSettings()
        return .object([
            ("hostNetwork", sourced(workload.hostNetwork, JSONValue.bool)),
            ("hostPID", sourced(workload.hostPID, JSONValue.bool)),
            ("hostIPC", sourced(workload.hostIPC, JSONValue.bool)),
            ("hostUsers", sourced(workload.hostUsers, JSONValue.bool)),
            ("serviceAccountName", sourced(details?.serviceAccountName, JSONValue.string)),
            ("automountServiceAccountToken", sourced(details?.automountServiceAccountToken, JSONValue.bool)),
            ("serviceAccountAutomount", sourced(details?.serviceAccountAutomount, JSONValue.bool)),
            ("restartPolicy", sourced(details?.restartPolicy, JSONValue.string)),
            ("osName", sourced(details?.osName, JSONValue.string)),
            ("isLongRunning", .bool(details?.isLongRunning ?? true)),
            (
                "securityContext",
                .object([
                    ("runAsUser", sourced(context.runAsUser, JSONValue.int)),
                    ("runAsGroup", sourced(context.runAsGroup, JSONValue.int)),
                    ("runAsNonRoot", sourced(context.runAsNonRoot, JSONValue.bool)),
                    ("seccompProfile", sourced(context.seccompProfile, Self.profile)),
                    ("appArmorProfile", sourced(context.appArmorProfile, Self.profile)),
                    ("seLinuxOptions", sourced(context.seLinuxOptions, Self.seLinux)),
                    ("windowsHostProcess", sourced(context.windowsHostProcess, JSONValue.bool)),
                    ("fsGroup", sourced(context.fsGroup, JSONValue.int)),
                    ("supplementalGroups", .array(context.supplementalGroups.map { sourced($0, JSONValue.int) })),
                    ("sysctls", .array(context.sysctls.map { sourced($0) { .object([("name", .string($0.name)), ("value", .string($0.value))]) } })),
                ])
            ),
            ("seccompAnnotations", sourcedStrings(details?.seccompAnnotations ?? [:])),
            ("appArmorAnnotations", sourcedStrings(details?.appArmorAnnotations ?? [:])),
        ])
    }

    private func volume(_ volume: PodVolume) -> JSONValue {
        positioned(
            volume.node,
            [
                ("name", .string(volume.name)),
                ("type", .string(volume.kind.name)),
                (
                    "hostPath",
                    volume.hostPath.map { path in
                        volume.hostPathNode.map { sourced(Sourced(path, $0), JSONValue.string) } ?? .string(path)
                    }
                ),
                ("hostPathType", volume.hostPathType.map(JSONValue.string)),
            ])
    }

    private func suppression(_ suppression: InlineSuppression) -> JSONValue {
        positioned(
            suppression.node,
            [
                ("rule", .string(suppression.ruleID)),
                ("container", suppression.container.map(JSONValue.string)),
                ("reason", .string(suppression.reason)),
            ])
    }

    // MARK: Containers

    private func container(_ container: Container) -> JSONValue {
        let own = container.kubernetes?.securityContext ?? SecurityContextSettings()
        func effective<T>(_ value: Sourced<T>?, ownValue: Sourced<T>?, _ transform: (T) -> JSONValue) -> JSONValue {
            sourced(value, inherited: value != nil && ownValue == nil, transform)
        }
        let identity: [(String, JSONValue?)] = [("name", .string(container.name)), ("role", .string(container.role.rawValue))]
        return .object(
            identity + position(container.location) + [
                ("image", sourced(container.image, JSONValue.string)),
                ("imagePullPolicy", sourced(container.kubernetes?.imagePullPolicy, JSONValue.string)),
                ("runAsUser", effective(container.runAsUser, ownValue: own.runAsUser, JSONValue.int)),
                ("runAsGroup", effective(container.runAsGroup, ownValue: own.runAsGroup, JSONValue.int)),
                ("runAsNonRoot", effective(container.runAsNonRoot, ownValue: own.runAsNonRoot, JSONValue.bool)),
                ("privileged", sourced(container.privileged, JSONValue.bool)),
                ("allowPrivilegeEscalation", sourced(container.allowPrivilegeEscalation, JSONValue.bool)),
                ("readOnlyRootFilesystem", sourced(container.readOnlyRootFilesystem, JSONValue.bool)),
                (
                    "capabilities",
                    .object([
                        ("add", .array(container.capabilitiesAdded.map { sourced($0, JSONValue.string) })),
                        ("drop", .array(container.capabilitiesDropped.map { sourced($0, JSONValue.string) })),
                    ])
                ),
                ("seccompProfile", effective(container.seccomp, ownValue: own.seccompProfile, Self.profile)),
                ("appArmorProfile", effective(container.appArmor, ownValue: own.appArmorProfile, Self.profile)),
                ("seLinuxOptions", effective(container.seLinux, ownValue: own.seLinuxOptions, Self.seLinux)),
                ("procMount", sourced(container.procMount, JSONValue.string)),
                ("windowsHostProcess", effective(container.windowsHostProcess, ownValue: own.windowsHostProcess, JSONValue.bool)),
                (
                    "resources",
                    .object([
                        ("requests", resources(container.requests)),
                        ("limits", resources(container.limits)),
                    ])
                ),
                ("livenessProbe", container.livenessProbe.map(probe) ?? .null),
                ("readinessProbe", container.readinessProbe.map(probe) ?? .null),
                ("startupProbe", container.startupProbe.map(probe) ?? .null),
                ("lifecycle", .array(container.lifecycleHandlers.map(probe))),
                ("ports", .array(container.ports.map(port))),
                ("mounts", .array(container.mounts.map(mount))),
                ("env", .array(container.environment.map(environment))),
                ("envFrom", .array((container.kubernetes?.envFrom ?? []).map { sourced($0, JSONValue.string) })),
            ])
    }

    private func resources(_ settings: ResourceSettings) -> JSONValue {
        .object([
            ("cpu", sourced(settings.cpu, JSONValue.string)),
            ("memory", sourced(settings.memory, JSONValue.string)),
            ("ephemeral-storage", sourced(settings.ephemeralStorage, JSONValue.string)),
        ])
    }

    private func probe(_ probe: Probe) -> JSONValue {
        positioned(
            probe.node,
            [
                ("kind", .string(probe.kind.rawValue)),
                ("handler", .string(probe.handler.rawValue)),
                ("host", probe.host.map { sourced($0, JSONValue.string) }),
            ])
    }

    private func port(_ port: Port) -> JSONValue {
        positioned(
            port.node,
            [
                ("containerPort", .string(port.target)),
                ("hostPort", port.published.map(JSONValue.string)),
                ("hostIP", port.hostIP.map(JSONValue.string)),
                ("protocol", .string(port.proto)),
            ])
    }

    private func mount(_ mount: Mount) -> JSONValue {
        positioned(
            mount.node,
            [
                ("name", mount.volumeName.map(JSONValue.string)),
                ("mountPath", .string(mount.target)),
                ("type", .string(mount.kind.name)),
                ("source", mount.source.map(JSONValue.string)),
                ("hostPathType", mount.hostPathType.map(JSONValue.string)),
                ("readOnly", .bool(mount.readOnly)),
                ("mountPropagation", mount.propagation.map { sourced($0, JSONValue.string) }),
            ])
    }

    private func environment(_ variable: EnvironmentVariable) -> JSONValue {
        positioned(
            variable.node,
            [
                ("name", .string(variable.name)),
                ("valueFrom", variable.valueFrom.map(JSONValue.string)),
                ("literal", variable.valueFrom == nil ? .bool(variable.rawValue != nil) : nil),
            ])
    }

    // MARK: Values and positions

    private static func profile(_ profile: SecurityProfile) -> JSONValue {
        let type: String
        switch profile.kind {
        case .runtimeDefault: type = "RuntimeDefault"
        case .localhost: type = "Localhost"
        case .unconfined: type = "Unconfined"
        case .other: type = profile.profile ?? ""
        }
        return .object([
            ("type", .string(type)),
            ("localhostProfile", profile.kind == .localhost ? profile.profile.map(JSONValue.string) : nil),
        ])
    }

    private static func seLinux(_ options: SELinuxSettings) -> JSONValue {
        .object([
            ("user", options.user.map(JSONValue.string)),
            ("role", options.role.map(JSONValue.string)),
            ("type", options.type.map(JSONValue.string)),
            ("level", options.level.map(JSONValue.string)),
        ])
    }

    private func strings(_ values: [String: Sourced<String>]) -> JSONValue {
        .object(values.keys.sorted().compactMap { key in values[key].map { (key, JSONValue.string($0.value)) } })
    }

    private func sourcedStrings(_ values: [String: Sourced<String>]) -> JSONValue {
        .object(values.keys.sorted().compactMap { key in values[key].map { (key, sourced($0, JSONValue.string)) } })
    }

    private func sourced<T>(_ value: Sourced<T>?, inherited: Bool = false, _ transform: (T) -> JSONValue) -> JSONValue {
        guard let value else { return .null }
        var members: [(String, JSONValue?)] = [("value", transform(value.value))]
        members += position(value.node)
        if inherited { members.append(("from", .string("pod"))) }
        return .object(members)
    }

    private func positioned(_ node: NodeRef, _ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members + position(node))
    }

    private func position(_ node: NodeRef) -> [(String, JSONValue?)] {
        let start = node.start
        return [
            ("line", .int(start.line)),
            ("column", .int(start.column)),
            ("file", node.path == workload.path ? nil : .string(node.path)),
        ]
    }
}
