import BattenYAML

/// Turns a merged service into the shared model: one ``WorkloadBuilder`` of kind `service` with one
/// main container, every value pointing at the node that set it (the project loader attaches named
/// volumes and the Dockerfile, then builds the ``Workload``). Settings the service lacks stay nil;
/// findings about them point at the service's key in the first file that defines it.
struct ServiceExtractor {
    let projectName: String
    let projectDirectory: String
    let environment: [String: String]
    let paths: ComposePathResolver

    func extract(_ service: ComposeServiceState, state: inout ComposeLoadState) -> WorkloadBuilder {
        var reader = ServiceFieldReader(name: service.name, tree: service.tree, fallback: service.mapping)
        var container = ContainerBuilder(name: service.name, role: .main, location: service.keyNode, node: service.mapping)
        var workload = WorkloadBuilder(
            format: .compose, kind: "service", name: service.name, path: service.keyNode.path,
            location: service.keyNode, node: service.mapping, objectNode: service.mapping)

        container.image = reader.string("image")
        readUser(&container, reader: &reader)
        container.privileged = reader.bool("privileged")
        container.readOnlyRootFilesystem = reader.bool("read_only")

        let added = reader.strings("cap_add")
        container.capabilitiesAdded = added.items
        container.capabilitiesAddNode = added.node
        let dropped = reader.strings("cap_drop")
        container.capabilitiesDropped = dropped.items
        container.capabilitiesDropNode = dropped.node

        let securityOptions = reader.strings("security_opt")
        applySecurityOptions(securityOptions.items, to: &container)
        reportRepeatedSecurityOptions(securityOptions.items, reader: &reader)

        container.mounts = readMounts(reader: &reader)
        container.tmpfs = reader.strings("tmpfs").items
        container.devices = readDevices(reader: &reader)
        container.ports = readPorts(reader: &reader)
        let usesLegacyLimits = readResources(&container, reader: &reader)
        container.healthcheck = readHealthCheck(reader: &reader)
        container.environment = reader.keyValues("environment").map { environmentVariable($0, fallback: service.mapping) }

        var details = ComposeServiceDetails(
            projectName: projectName, projectDirectory: projectDirectory, definitions: service.definitions,
            merged: service.tree)
        details.usesLegacyLimits = usesLegacyLimits
        details.build = readBuild(reader: &reader)
        details.networkMode = reader.string("network_mode")
        details.pid = reader.string("pid")
        details.ipc = reader.string("ipc")
        details.uts = reader.string("uts")
        details.usernsMode = reader.string("userns_mode")
        details.cgroupParent = reader.string("cgroup_parent")
        details.securityOptions = securityOptions.items
        details.securityOptionsNode = securityOptions.node
        details.restart = reader.string("restart")
        if let deploy = reader.mapping("deploy"), let policy = reader.mapping("restart_policy", in: deploy, path: "deploy.restart_policy") {
            details.restartPolicyCondition = reader.string("condition", in: policy, path: "deploy.restart_policy.condition")
            details.restartPolicyMaxAttempts = reader.string(
                "max_attempts", in: policy, path: "deploy.restart_policy.max_attempts")
        }
        details.expose = reader.strings("expose").items
        details.ulimits = readUlimits(reader: &reader)
        let envFiles = readEnvFiles(reader: &reader, state: &state)
        details.envFiles = envFiles.paths
        details.envFileVariables = envFiles.variables
        details.secrets = readMountReferences("secrets", reader: &reader)
        details.configs = readMountReferences("configs", reader: &reader)
        details.useAPISocket = reader.bool("use_api_socket")
        details.profiles = reader.strings("profiles").items.map(\.value)
        for entry in service.tree.entries ?? [] where entry.key.hasPrefix("x-") {
            details.extensions[entry.key] = entry.value.node ?? entry.keyNode
        }

        workload.hostNetwork = details.networkMode.map { $0.map { $0 == "host" } }
        workload.hostPID = details.pid.map { $0.map { $0 == "host" } }
        workload.hostIPC = details.ipc.map { $0.map { $0 == "host" } }
        workload.hostUTS = details.uts.map { $0.map { $0 == "host" } }
        workload.hostUsers = details.usernsMode.map { $0.map { $0 == "host" } }
        workload.sysctls = reader.keyValues("sysctls").map { entry in
            Sourced(Sysctl(name: entry.key, value: entry.value.text ?? ""), entry.keyNode ?? entry.value.node ?? service.mapping)
        }
        for entry in reader.keyValues("labels") {
            workload.labels[entry.key] = Sourced(entry.value.text ?? "", entry.value.node ?? entry.keyNode ?? service.mapping)
        }
        for entry in reader.keyValues("annotations") {
            workload.annotations[entry.key] = Sourced(entry.value.text ?? "", entry.value.node ?? entry.keyNode ?? service.mapping)
        }
        workload.suppressions = readSuppressions(reader: &reader)
        workload.containers = [container]
        workload.compose = details
        state.diagnostics += reader.diagnostics
        return workload
    }

    // MARK: Identity and privileges

    private func readUser(_ container: inout ContainerBuilder, reader: inout ServiceFieldReader) {
        guard let user = reader.string("user") else { return }
        container.user = user
        let parts = user.value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        func identifier(_ text: String) -> Int? {
            if text == "root" { return 0 }
            guard let number = Int(text), number >= 0 else { return nil }
            return number
        }
        if let uid = parts.first.flatMap(identifier) { container.runAsUser = Sourced(uid, user.node) }
        if parts.count == 2 {
            if let gid = identifier(parts[1]) { container.runAsGroup = Sourced(gid, user.node) }
        } else if container.runAsUser?.value == 0 {
            container.runAsGroup = Sourced(0, user.node)
        }
    }

    private func applySecurityOptions(_ options: [Sourced<String>], to container: inout ContainerBuilder) {
        var seLinux: SELinuxSettings?
        var seLinuxNode: NodeRef?
        for option in options {
            switch ComposeSecurityOption.parse(option.value) {
            case .noNewPrivileges(let enabled):
                container.allowPrivilegeEscalation = Sourced(!enabled, option.node)
            case .seccomp(let profile):
                container.seccomp = Sourced(profile, option.node)
            case .appArmor(let profile):
                container.appArmor = Sourced(profile, option.node)
            case .label(let setting):
                var settings = seLinux ?? SELinuxSettings()
                switch setting {
                case .disable: settings.disabled = true
                case .user(let value): settings.user = value
                case .role(let value): settings.role = value
                case .type(let value): settings.type = value
                case .level(let value): settings.level = value
                }
                seLinux = settings
                seLinuxNode = option.node
            case .unmaskedSystemPaths:
                container.procMount = Sourced("Unmasked", option.node)
            case .other:
                break
            }
        }
        if let seLinux, let seLinuxNode { container.seLinux = Sourced(seLinux, seLinuxNode) }
    }

    /// Compose rejects a project whose merged `security_opt` repeats an entry.
    private func reportRepeatedSecurityOptions(_ options: [Sourced<String>], reader: inout ServiceFieldReader) {
        var seen: [String: NodeRef] = [:]
        for option in options {
            if let first = seen[option.value] {
                reader.diagnostics.append(
                    Diagnostic(
                        .warning, at: option.node,
                        "security_opt entry \"\(option.value)\" repeats the one at \(first.path):\(first.start.line):\(first.start.column); docker compose rejects repeated security_opt entries"
                    ))
            } else {
                seen[option.value] = option.node
            }
        }
    }

    // MARK: Filesystem, devices, network

    private func readMounts(reader: inout ServiceFieldReader) -> [Mount] {
        guard let list = reader.list("volumes") else { return [] }
        var mounts: [Mount] = []
        for item in list.items {
            switch ComposeVolumeSpec.parse(item) {
            case .failure(let error):
                reader.report(item, "services.\(reader.name).volumes: \(error.message)")
            case .success(let spec):
                let node = item.node ?? reader.fallback
                var resolved = spec.source
                if spec.type == "bind", let source = spec.source {
                    let path = paths.resolve(source, at: node)
                    resolved = ComposePaths.isWindowsPath(path) ? path : ComposePaths.clean(path)
                }
                mounts.append(
                    Mount(
                        kind: spec.mountKind, source: spec.source, resolvedSource: resolved, target: spec.target,
                        readOnly: spec.readOnly, propagation: spec.propagation.map { Sourced($0, spec.propagationNode ?? node) },
                        node: node))
            }
        }
        return mounts
    }

    private func readDevices(reader: inout ServiceFieldReader) -> [Sourced<String>] {
        guard let list = reader.list("devices") else { return [] }
        var devices: [Sourced<String>] = []
        for item in list.items {
            let node = item.node ?? reader.fallback
            if let text = item.text {
                devices.append(Sourced(text, node))
            } else if item.isMapping, let source = item["source"]?.text {
                let target = item["target"]?.text ?? source
                let permissions = item["permissions"]?.text ?? "rwm"
                devices.append(Sourced("\(source):\(target):\(permissions)", node))
            } else {
                reader.report(item, "services.\(reader.name).devices items must be strings or mappings with a source")
            }
        }
        return devices
    }

    private func readPorts(reader: inout ServiceFieldReader) -> [Port] {
        guard let list = reader.list("ports") else { return [] }
        var ports: [Port] = []
        for item in list.items {
            switch ComposePortSpec.parse(item) {
            case .failure(let error):
                reader.report(item, "services.\(reader.name).ports: \(error.message)")
            case .success(let spec):
                ports.append(
                    Port(
                        hostIP: spec.hostIP, published: spec.published, target: spec.target, proto: spec.proto,
                        node: item.node ?? reader.fallback))
            }
        }
        return ports
    }

    // MARK: Resources and health

    /// Fills limits and requests; returns true when a legacy key (`mem_limit`, `cpus`, `pids_limit`,
    /// `mem_reservation`) provided a value.
    private func readResources(_ container: inout ContainerBuilder, reader: inout ServiceFieldReader) -> Bool {
        var limits = ResourceSettings()
        var requests = ResourceSettings()
        if let deploy = reader.mapping("deploy"), let resources = reader.mapping("resources", in: deploy, path: "deploy.resources") {
            if let section = reader.mapping("limits", in: resources, path: "deploy.resources.limits") {
                limits.memory = reader.string("memory", in: section, path: "deploy.resources.limits.memory")
                limits.cpu = reader.string("cpus", in: section, path: "deploy.resources.limits.cpus")
                limits.pids = reader.string("pids", in: section, path: "deploy.resources.limits.pids")
            }
            if let section = reader.mapping("reservations", in: resources, path: "deploy.resources.reservations") {
                requests.memory = reader.string("memory", in: section, path: "deploy.resources.reservations.memory")
                requests.cpu = reader.string("cpus", in: section, path: "deploy.resources.reservations.cpus")
            }
        }
        var legacy = false
        func combine(_ modern: Sourced<String>?, _ key: String, modernPath: String, reader: inout ServiceFieldReader) -> Sourced<String>? {
            guard let old = reader.string(key) else { return modern }
            guard let modern else {
                legacy = true
                return old
            }
            if modern.value != old.value {
                reader.reportWarning(
                    reader.tree[key], "services.\(reader.name): \(key) and \(modernPath) are set to different values; docker compose rejects this")
            }
            return modern
        }
        limits.memory = combine(limits.memory, "mem_limit", modernPath: "deploy.resources.limits.memory", reader: &reader)
        limits.cpu = combine(limits.cpu, "cpus", modernPath: "deploy.resources.limits.cpus", reader: &reader)
        limits.pids = combine(limits.pids, "pids_limit", modernPath: "deploy.resources.limits.pids", reader: &reader)
        requests.memory = combine(requests.memory, "mem_reservation", modernPath: "deploy.resources.reservations.memory", reader: &reader)
        container.limits = limits
        container.requests = requests
        return legacy
    }

    private func readHealthCheck(reader: inout ServiceFieldReader) -> HealthCheck? {
        guard let healthcheck = reader.mapping("healthcheck"), let node = healthcheck.node else { return nil }
        var test: [String]?
        if let value = healthcheck["test"], !value.isNull {
            switch value {
            case .scalar(let scalar): test = ["CMD-SHELL", scalar.value]
            case .sequence(let items, _): test = items.map { $0.scalar?.value ?? "" }
            case .mapping: reader.report(value, "services.\(reader.name).healthcheck.test must be a string or a list")
            }
        }
        let disabled = reader.bool("disable", in: healthcheck, path: "healthcheck.disable")?.value ?? false
        return HealthCheck(
            test: test, disabled: disabled || test?.first?.uppercased() == "NONE",
            interval: reader.string("interval", in: healthcheck, path: "healthcheck.interval")?.value,
            timeout: reader.string("timeout", in: healthcheck, path: "healthcheck.timeout")?.value,
            retries: reader.string("retries", in: healthcheck, path: "healthcheck.retries")?.value,
            startPeriod: reader.string("start_period", in: healthcheck, path: "healthcheck.start_period")?.value, node: node)
    }

    // MARK: Environment

    private func environmentVariable(_ entry: SourcedTreeEntry, fallback: NodeRef) -> EnvironmentVariable {
        let scalar = entry.value.scalar
        let node = entry.keyNode ?? scalar?.node
        let value = entry.value.isNull ? nil : scalar?.value
        let raw = entry.value.isNull ? nil : scalar?.raw
        return EnvironmentVariable(
            name: entry.key, value: value, rawValue: raw, isInterpolated: raw.map(Interpolation.containsVariable) ?? false,
            node: node ?? fallback, valueNode: value == nil ? nil : scalar?.node)
    }

    private func readEnvFiles(reader: inout ServiceFieldReader, state: inout ComposeLoadState)
        -> (paths: [Sourced<String>], variables: [EnvironmentVariable])
    {
        guard let list = reader.list("env_file") else { return ([], []) }
        var paths: [Sourced<String>] = []
        var variables: [EnvironmentVariable] = []
        for item in list.items {
            let node = item.node ?? reader.fallback
            var path: String?
            var required = true
            if let text = item.text {
                path = text
            } else if item.isMapping {
                path = item["path"]?.text
                required = item["required"]?.bool ?? true
            }
            guard let path else {
                reader.report(item, "services.\(reader.name).env_file items must be paths or mappings with a path")
                continue
            }
            paths.append(Sourced(path, node))
            let absolute = self.paths.resolve(path, at: node)
            let display = ComposeEnvironment.displayPath(absolute, workingDirectory: state.workingDirectory)
            guard
                let values = ComposeEnvironment.readEnvFile(
                    display: display, absolute: absolute, reference: node, missingLevel: required ? .warning : nil,
                    lookup: { environment[$0] }, state: &state)
            else { continue }
            for (key, value) in values {
                let variable = EnvironmentVariable(name: key, value: value, rawValue: nil, node: node)
                if let index = variables.firstIndex(where: { $0.name == key }) {
                    variables[index] = variable
                } else {
                    variables.append(variable)
                }
            }
        }
        return (paths, variables)
    }

    // MARK: Compose-only settings

    private func readBuild(reader: inout ServiceFieldReader) -> BuildSettings? {
        guard let build = reader.mapping("build"), let node = build.node else { return nil }
        let contextValue = build["context"]
        let context = reader.string("context", in: build, path: "build.context")?.value ?? "."
        let resolved = ComposePaths.isRemoteContext(context) ? context : paths.resolve(context, at: contextValue?.node ?? node)
        return BuildSettings(
            context: context, resolvedContext: resolved,
            dockerfile: reader.string("dockerfile", in: build, path: "build.dockerfile")?.value,
            target: reader.string("target", in: build, path: "build.target")?.value,
            arguments: Self.buildArguments(build["args"]), node: node)
    }

    /// `build.args` in map form (`UID: 1000`) or list form (`- UID=1000`); a name without a value is
    /// left out (the builder takes it from the environment, which Batten does not see).
    static func buildArguments(_ tree: SourcedTree?) -> [String: String] {
        var result: [String: String] = [:]
        if let entries = tree?.entries {
            for entry in entries {
                if let text = entry.value.scalar?.value { result[entry.key] = text }
            }
        } else if let items = tree?.items {
            for item in items {
                guard let text = item.scalar?.value, let equals = text.firstIndex(of: "=") else { continue }
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
        }
        return result
    }

    private func readUlimits(reader: inout ServiceFieldReader) -> [String: Sourced<String>] {
        guard let ulimits = reader.mapping("ulimits"), case .mapping(let entries, _) = ulimits else { return [:] }
        var result: [String: Sourced<String>] = [:]
        for entry in entries {
            let node = entry.value.node ?? entry.keyNode ?? reader.fallback
            if let text = entry.value.text {
                result[entry.key] = Sourced(text, node)
            } else if entry.value.isMapping, let soft = entry.value["soft"]?.text, let hard = entry.value["hard"]?.text {
                result[entry.key] = Sourced("\(soft):\(hard)", node)
            } else {
                reader.report(entry.value, "services.\(reader.name).ulimits.\(entry.key) must be a number or a mapping with soft and hard")
            }
        }
        return result
    }

    private func readMountReferences(_ key: String, reader: inout ServiceFieldReader) -> [Sourced<String>] {
        guard let list = reader.list(key) else { return [] }
        var result: [Sourced<String>] = []
        for item in list.items {
            let node = item.node ?? reader.fallback
            if let text = item.text {
                result.append(Sourced(text, node))
            } else if item.isMapping, let source = item["source"]?.text {
                result.append(Sourced(source, node))
            } else {
                reader.report(item, "services.\(reader.name).\(key) items must be names or mappings with a source")
            }
        }
        return result
    }

    private func readSuppressions(reader: inout ServiceFieldReader) -> [InlineSuppression] {
        guard let batten = reader.tree["x-batten"], batten.isMapping, let ignore = batten["ignore"], !ignore.isNull else { return [] }
        switch ignore {
        case .mapping(let entries, _):
            return entries.map { entry in
                InlineSuppression(
                    ruleID: entry.key, reason: entry.value.text ?? "",
                    node: entry.keyNode ?? entry.value.node ?? reader.fallback)
            }
        case .sequence(let items, _):
            return items.compactMap { item in
                guard let rule = item.text else { return nil }
                return InlineSuppression(ruleID: rule, reason: "", node: item.node ?? reader.fallback)
            }
        case .scalar:
            if let rule = ignore.text {
                return [InlineSuppression(ruleID: rule, reason: "", node: ignore.node ?? reader.fallback)]
            }
            return []
        }
    }
}
