import BattenYAML

extension ManifestReader {
    /// The containers of a pod spec in model order: `containers`, `initContainers` (those with
    /// `restartPolicy: Always` are sidecars), then `ephemeralContainers`. Each carries its own
    /// settings only; see ``SecurityContextInheritance`` for the pod defaults.
    mutating func containers(in podSpec: NodeID, volumes: [PodVolume], field: String) -> [ContainerBuilder] {
        var result: [ContainerBuilder] = []
        for (key, role) in [("containers", ContainerRole.main), ("initContainers", .`init`), ("ephemeralContainers", .ephemeral)] {
            let listField = field + "." + key
            guard let list = mappingItems(key, in: podSpec, field: listField) else { continue }
            for (index, item) in list.items.enumerated() {
                result.append(container(item, role: role, volumes: volumes, field: "\(listField)[\(index)]"))
            }
        }
        return result
    }

    private mutating func container(_ mapping: NodeID, role: ContainerRole, volumes: [PodVolume], field: String) -> ContainerBuilder {
        let name: String
        if let written = string("name", in: mapping, field: field + ".name") {
            name = written.value
        } else {
            report(.warning, at: mapping, "\(field) has no name")
            name = field
        }
        let restartPolicy = string("restartPolicy", in: mapping, field: field + ".restartPolicy")
        let effectiveRole: ContainerRole = role == .`init` && restartPolicy?.value == "Always" ? .sidecar : role
        let securityContext = securityContext(in: mapping, level: .container, field: field)
        let resources = resources(in: mapping, field: field)
        let environment = environment(in: mapping, field: field)
        let ports = ports(in: mapping, field: field)
        let mounts = mounts(in: mapping, volumes: volumes, field: field)
        let details = KubernetesContainerDetails(
            securityContext: securityContext, resourcesNode: resources.node,
            imagePullPolicy: string("imagePullPolicy", in: mapping, field: field + ".imagePullPolicy"),
            envFrom: environmentSources(in: mapping, field: field), restartPolicy: restartPolicy,
            envNode: environment.node, volumeMountsNode: mounts.node, portsNode: ports.node)
        return ContainerBuilder(
            name: name, role: effectiveRole, location: ref(mapping), node: ref(mapping),
            image: string("image", in: mapping, field: field + ".image"),
            privileged: securityContext.privileged,
            allowPrivilegeEscalation: securityContext.allowPrivilegeEscalation,
            readOnlyRootFilesystem: securityContext.readOnlyRootFilesystem,
            capabilitiesAdded: securityContext.capabilitiesAdd, capabilitiesDropped: securityContext.capabilitiesDrop,
            capabilitiesAddNode: securityContext.capabilitiesAddNode,
            capabilitiesDropNode: securityContext.capabilitiesDropNode,
            procMount: securityContext.procMount, mounts: mounts.mounts, ports: ports.ports,
            limits: resources.limits, requests: resources.requests,
            livenessProbe: probe("livenessProbe", kind: .liveness, in: mapping, field: field),
            readinessProbe: probe("readinessProbe", kind: .readiness, in: mapping, field: field),
            startupProbe: probe("startupProbe", kind: .startup, in: mapping, field: field),
            lifecycleHandlers: lifecycleHandlers(in: mapping, field: field),
            environment: environment.variables, kubernetes: details)
    }
}
