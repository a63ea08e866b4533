import BattenYAML

/// `batten config` for a Compose project: the normalized merged model as JSON, shaped like
/// `docker compose config --format json` for the keys Batten models.
///
/// Like Compose it prints long forms (ports and volumes as objects, environment as a map with the
/// `env_file` variables folded in, durations as Go prints them, sizes in bytes), resolves relative
/// paths, escapes `$` as `$$`, and lists only the networks, volumes, secrets and configs the enabled
/// services use. Service `x-*` keys are not printed (Compose's JSON leaves them out too).
public enum ComposeConfigJSON {
    /// The service keys Batten models and prints.
    public static let serviceKeys: Set<String> = [
        "annotations", "build", "cap_add", "cap_drop", "cgroup_parent", "command", "configs", "cpus", "deploy",
        "devices", "entrypoint", "environment", "expose", "extra_hosts", "healthcheck", "image", "ipc", "labels",
        "mem_limit", "mem_reservation", "network_mode", "networks", "pid", "pids_limit", "ports", "privileged",
        "profiles", "read_only", "restart", "secrets", "security_opt", "sysctls", "tmpfs", "ulimits", "use_api_socket",
        "user", "userns_mode", "uts", "volumes",
    ]

    public static func render(_ project: ComposeLoadResult) -> JSONValue {
        guard let merged = project.merged else { return .object([]) }
        let renderer = Renderer(project: project)
        var members: [(String, JSONValue)] = [("name", .string(project.projectName))]
        var services: [(String, JSONValue)] = []
        let workloads = Dictionary(project.workloads.map { ($0.name, $0) }) { first, _ in first }
        for entry in merged["services"]?.entries ?? [] {
            services.append((entry.key, renderer.service(entry.value, workload: workloads[entry.key])))
        }
        members.append(("services", .object(services.sorted { $0.0 < $1.0 })))
        let used = renderer.usedResources(merged["services"]?.entries ?? [])
        for kind in ["networks", "volumes", "secrets", "configs"] {
            let definitions = merged[kind]?.entries ?? []
            let names = used[kind] ?? []
            guard !names.isEmpty else { continue }
            let rendered = names.sorted().map { name in
                (name, renderer.resource(kind: kind, name: name, definition: definitions.first { $0.key == name }?.value))
            }
            members.append((kind, .object(rendered)))
        }
        for entry in merged.entries ?? [] where entry.key.hasPrefix("x-") {
            members.append((entry.key, Renderer.generic(entry.value)))
        }
        return .object(members.sorted { $0.0 < $1.0 })
    }

    private struct Renderer {
        let project: ComposeLoadResult

        // MARK: Services

        func service(_ tree: SourcedTree, workload: Workload?) -> JSONValue {
            var members: [(String, JSONValue)] = []
            for entry in tree.entries ?? [] where ComposeConfigJSON.serviceKeys.contains(entry.key) && !entry.value.isNull {
                if let value = field(entry.key, entry.value, service: tree) { members.append((entry.key, value)) }
            }
            if !members.contains(where: { $0.0 == "environment" }), let files = workload?.compose?.envFileVariables, !files.isEmpty {
                members.append(("environment", environment(nil, envFiles: files)))
            } else if let index = members.firstIndex(where: { $0.0 == "environment" }) {
                members[index].1 = environment(tree["environment"], envFiles: workload?.compose?.envFileVariables ?? [])
            }
            if tree["network_mode"] == nil, !members.contains(where: { $0.0 == "networks" }) {
                members.append(("networks", .object([("default", .null)])))
            }
            return .object(members.sorted { $0.0 < $1.0 })
        }

        private func field(_ key: String, _ value: SourcedTree, service: SourcedTree) -> JSONValue? {
            switch key {
            case "build": return build(value)
            case "cap_add", "cap_drop", "security_opt", "tmpfs", "profiles", "expose", "extra_hosts":
                return .array((value.items ?? [value]).compactMap { $0.scalar.map { .string(escape($0.value)) } })
            case "command", "entrypoint": return command(value)
            case "configs", "secrets": return mounts(value, secrets: key == "secrets")
            case "cpus": return number(value)
            case "deploy": return deploy(value)
            case "devices": return devices(value)
            case "environment": return .object([])
            case "healthcheck": return healthcheck(value)
            case "labels", "annotations", "sysctls": return stringMap(value)
            case "mem_limit", "mem_reservation": return bytes(value)
            case "pids_limit": return integer(value)
            case "networks": return networks(value)
            case "ports": return ports(value)
            case "privileged", "read_only", "use_api_socket": return value.bool == true ? .bool(true) : nil
            case "ulimits": return ulimits(value)
            case "volumes": return volumes(value)
            default: return value.text.map { .string(escape($0)) }
            }
        }

        private func build(_ value: SourcedTree) -> JSONValue? {
            guard value.isMapping else { return nil }
            let contextValue = value["context"]
            let context = contextValue?.text ?? "."
            let resolved =
                ComposePaths.isRemoteContext(context)
                ? context : project.paths.resolve(context, at: contextValue?.node ?? value.node)
            var members: [(String, JSONValue)] = [("context", .string(escape(resolved)))]
            if let dockerfile = value["dockerfile"]?.text {
                members.append(("dockerfile", .string(escape(dockerfile))))
            } else if value["dockerfile_inline"] == nil {
                members.append(("dockerfile", .string("Dockerfile")))
            }
            if let target = value["target"]?.text { members.append(("target", .string(escape(target)))) }
            return .object(members)
        }

        private func command(_ value: SourcedTree) -> JSONValue? {
            switch value {
            case .scalar(let scalar):
                return .array((ShellWords.split(scalar.value) ?? [scalar.value]).map { .string(escape($0)) })
            case .sequence(let items, _):
                return .array(items.map { .string(escape($0.scalar?.value ?? "")) })
            case .mapping:
                return nil
            }
        }

        private func mounts(_ value: SourcedTree, secrets: Bool) -> JSONValue? {
            guard let items = value.items else { return nil }
            return .array(
                items.compactMap { item in
                    if let name = item.text {
                        var members: [(String, JSONValue)] = [("source", .string(escape(name)))]
                        if secrets { members.append(("target", .string("/run/secrets/\(escape(name))"))) }
                        return .object(members)
                    }
                    guard item.isMapping, let source = item["source"]?.text else { return nil }
                    var members: [(String, JSONValue)] = [("source", .string(escape(source)))]
                    if let target = item["target"]?.text {
                        members.append(("target", .string(escape(target))))
                    } else if secrets {
                        members.append(("target", .string("/run/secrets/\(escape(source))")))
                    }
                    if let uid = item["uid"]?.text { members.append(("uid", .string(escape(uid)))) }
                    if let gid = item["gid"]?.text { members.append(("gid", .string(escape(gid)))) }
                    if let mode = item["mode"]?.scalar, let bits = ComposeUnits.fileMode(mode) {
                        members.append(("mode", .string("0" + String(bits, radix: 8))))
                    }
                    return .object(members)
                })
        }

        private func deploy(_ value: SourcedTree) -> JSONValue? {
            guard value.isMapping else { return nil }
            var members: [(String, JSONValue)] = []
            if let resources = value["resources"], resources.isMapping {
                var sections: [(String, JSONValue)] = []
                for name in ["limits", "reservations"] {
                    guard let section = resources[name], section.isMapping else { continue }
                    var fields: [(String, JSONValue)] = []
                    if let cpus = section["cpus"].flatMap(number) { fields.append(("cpus", cpus)) }
                    if let memory = section["memory"].flatMap(bytes) { fields.append(("memory", memory)) }
                    if let pids = section["pids"].flatMap(integer) { fields.append(("pids", pids)) }
                    sections.append((name, .object(fields)))
                }
                members.append(("resources", .object(sections)))
            }
            if let policy = value["restart_policy"], policy.isMapping {
                var fields: [(String, JSONValue)] = []
                if let condition = policy["condition"]?.text { fields.append(("condition", .string(escape(condition)))) }
                if let delay = policy["delay"].flatMap(duration) { fields.append(("delay", delay)) }
                if let attempts = policy["max_attempts"].flatMap(integer) { fields.append(("max_attempts", attempts)) }
                if let window = policy["window"].flatMap(duration) { fields.append(("window", window)) }
                members.append(("restart_policy", .object(fields)))
            }
            return .object(members)
        }

        private func devices(_ value: SourcedTree) -> JSONValue? {
            guard let items = value.items else { return nil }
            return .array(
                items.compactMap { item in
                    var source: String
                    var target: String
                    var permissions: String? = "rwm"
                    if let text = item.text {
                        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                        source = parts[0]
                        target = parts.count > 1 ? parts[1] : parts[0]
                        if parts.count > 2 { permissions = parts[2] }
                    } else if item.isMapping, let itemSource = item["source"]?.text {
                        source = itemSource
                        target = item["target"]?.text ?? itemSource
                        permissions = item["permissions"]?.text
                    } else {
                        return nil
                    }
                    return .object([
                        ("source", .string(escape(source))), ("target", .string(escape(target))),
                        ("permissions", permissions.map { .string(escape($0)) }),
                    ])
                })
        }

        /// The service environment over the `env_file` variables; a variable without a value takes the
        /// project environment's value, or stays null.
        private func environment(_ value: SourcedTree?, envFiles: [EnvironmentVariable]) -> JSONValue {
            var members: [(String, JSONValue)] = envFiles.map { ($0.name, .string(escape($0.value ?? ""))) }
            for entry in value?.entries ?? [] {
                let rendered: JSONValue
                if entry.value.isNull {
                    rendered = project.environment[entry.key].map { .string(escape($0)) } ?? .null
                } else {
                    rendered = .string(escape(entry.value.scalar?.value ?? ""))
                }
                if let index = members.firstIndex(where: { $0.0 == entry.key }) {
                    members[index].1 = rendered
                } else {
                    members.append((entry.key, rendered))
                }
            }
            return .object(members.sorted { $0.0 < $1.0 })
        }

        private func healthcheck(_ value: SourcedTree) -> JSONValue? {
            guard value.isMapping else { return nil }
            var members: [(String, JSONValue)] = []
            if let test = value["test"], !test.isNull {
                switch test {
                case .scalar(let scalar): members.append(("test", .array([.string("CMD-SHELL"), .string(escape(scalar.value))])))
                case .sequence(let items, _): members.append(("test", .array(items.map { .string(escape($0.scalar?.value ?? "")) })))
                case .mapping: break
                }
            }
            for key in ["timeout", "interval", "start_period", "start_interval"] {
                if let rendered = value[key].flatMap(duration) { members.append((key, rendered)) }
            }
            if let retries = value["retries"].flatMap(integer) { members.append(("retries", retries)) }
            if let disable = value["disable"]?.bool { members.append(("disable", .bool(disable))) }
            return .object(members)
        }

        private func stringMap(_ value: SourcedTree) -> JSONValue? {
            guard let entries = value.entries else { return nil }
            return .object(
                entries.map { entry in
                    (entry.key, entry.value.isNull ? JSONValue.string("") : .string(escape(entry.value.scalar?.value ?? "")))
                }.sorted { $0.0 < $1.0 })
        }

        private func networks(_ value: SourcedTree) -> JSONValue? {
            guard let entries = value.entries else { return nil }
            return .object(
                entries.map { entry in
                    (entry.key, entry.value.isNull ? JSONValue.null : Renderer.generic(entry.value))
                }.sorted { $0.0 < $1.0 })
        }

        private func ports(_ value: SourcedTree) -> JSONValue? {
            guard let items = value.items else { return nil }
            var result: [JSONValue] = []
            for item in items {
                guard case .success(let spec) = ComposePortSpec.parse(item) else { continue }
                for binding in spec.bindings {
                    result.append(
                        .object([
                            ("mode", .string(binding.mode)),
                            ("host_ip", binding.hostIP.map { .string(escape($0)) }),
                            ("target", .int(binding.target)),
                            ("published", binding.published.map { .string(escape($0)) }),
                            ("protocol", .string(binding.proto)),
                            ("name", binding.name.map { .string(escape($0)) }),
                            ("app_protocol", binding.appProtocol.map { .string(escape($0)) }),
                        ]))
                }
            }
            return .array(result)
        }

        private func ulimits(_ value: SourcedTree) -> JSONValue? {
            guard let entries = value.entries else { return nil }
            return .object(
                entries.compactMap { entry -> (String, JSONValue)? in
                    if entry.value.isMapping {
                        return (
                            entry.key,
                            .object([
                                ("soft", entry.value["soft"].flatMap(integer)), ("hard", entry.value["hard"].flatMap(integer)),
                            ])
                        )
                    }
                    return integer(entry.value).map { (entry.key, $0) }
                }.sorted { $0.0 < $1.0 })
        }

        private func volumes(_ value: SourcedTree) -> JSONValue? {
            guard let items = value.items else { return nil }
            var result: [JSONValue] = []
            for item in items {
                guard case .success(let spec) = ComposeVolumeSpec.parse(item) else { continue }
                var members: [(String, JSONValue)] = [("type", .string(spec.type))]
                if let source = spec.source {
                    let shown = spec.type == "bind" ? project.paths.resolve(source, at: item.node) : source
                    members.append(("source", .string(escape(shown))))
                }
                members.append(("target", .string(escape(spec.target))))
                if spec.readOnly { members.append(("read_only", .bool(true))) }
                if spec.type == "bind" && (!spec.isLongSyntax || spec.hasBindOptions) || spec.selinux != nil
                    || spec.propagation != nil
                {
                    var bind: [(String, JSONValue)] = []
                    if let propagation = spec.propagation { bind.append(("propagation", .string(escape(propagation)))) }
                    if spec.createHostPath == true { bind.append(("create_host_path", .bool(true))) }
                    if let selinux = spec.selinux { bind.append(("selinux", .string(escape(selinux)))) }
                    members.append(("bind", .object(bind)))
                }
                if spec.type == "volume" && (!spec.isLongSyntax || spec.hasVolumeOptions) || spec.nocopy == true {
                    var options: [(String, JSONValue)] = []
                    if spec.nocopy == true { options.append(("nocopy", .bool(true))) }
                    if let subpath = spec.subpath { options.append(("subpath", .string(escape(subpath)))) }
                    members.append(("volume", .object(options)))
                }
                if spec.hasTmpfsOptions {
                    var options: [(String, JSONValue)] = []
                    if let size = spec.tmpfsSize {
                        options.append(("size", ComposeUnits.bytes(size).map { .string(String($0)) } ?? .string(escape(size))))
                    }
                    if let mode = item["tmpfs"]?["mode"]?.scalar, let bits = ComposeUnits.fileMode(mode) {
                        options.append(("mode", .int(bits)))
                    }
                    members.append(("tmpfs", .object(options)))
                }
                result.append(.object(members))
            }
            return .array(result)
        }

        // MARK: Top-level resources

        /// The networks, volumes, secrets and configs the services use.
        func usedResources(_ services: [SourcedTreeEntry]) -> [String: Set<String>] {
            var used: [String: Set<String>] = [:]
            for service in services {
                let tree = service.value
                if tree["network_mode"] == nil {
                    let names = tree["networks"]?.entries?.map(\.key) ?? []
                    used["networks", default: []].formUnion(names.isEmpty ? ["default"] : names)
                }
                for item in tree["volumes"]?.items ?? [] {
                    if case .success(let spec) = ComposeVolumeSpec.parse(item), spec.type == "volume", let source = spec.source {
                        used["volumes", default: []].insert(source)
                    }
                }
                for kind in ["secrets", "configs"] {
                    for item in tree[kind]?.items ?? [] {
                        if let name = item.text ?? item["source"]?.text { used[kind, default: []].insert(name) }
                    }
                }
            }
            return used
        }

        func resource(kind: String, name: String, definition: SourcedTree?) -> JSONValue {
            let external = definition?["external"]?.bool ?? false
            let explicitName = definition?["name"]?.text
            var members: [(String, JSONValue)] = [
                ("name", .string(escape(explicitName ?? (external ? name : "\(project.projectName)_\(name)"))))
            ]
            if kind == "networks", definition?["ipam"] == nil { members.append(("ipam", .object([]))) }
            for entry in definition?.entries ?? [] where entry.key != "name" && !entry.value.isNull {
                switch entry.key {
                case "external":
                    if external { members.append(("external", .bool(true))) }
                case "file" where kind == "secrets" || kind == "configs":
                    if let file = entry.value.text {
                        members.append(("file", .string(escape(project.paths.resolve(file, at: entry.value.node)))))
                    }
                case "labels", "driver_opts":
                    members.append((entry.key, stringMap(entry.value) ?? .object([])))
                default:
                    members.append((entry.key, Renderer.generic(entry.value)))
                }
            }
            return .object(members)
        }

        // MARK: Scalars

        private func number(_ value: SourcedTree) -> JSONValue? {
            guard let text = value.text, let number = Double(text) else { return nil }
            return .double(number)
        }

        private func integer(_ value: SourcedTree) -> JSONValue? {
            guard let text = value.text else { return nil }
            if let number = Int(text) { return .int(number) }
            return ScalarResolution.int(text).map(JSONValue.int)
        }

        private func bytes(_ value: SourcedTree) -> JSONValue? {
            guard let text = value.text else { return nil }
            return ComposeUnits.bytes(text).map { .string(String($0)) } ?? .string(escape(text))
        }

        private func duration(_ value: SourcedTree) -> JSONValue? {
            guard let text = value.text else { return nil }
            return ComposeUnits.duration(text).map { .string(ComposeUnits.formatDuration($0)) } ?? .string(escape(text))
        }

        private func escape(_ text: String) -> String { Interpolation.escape(text) }

        /// Any value, with scalars typed the way a YAML 1.2 reader types them (Compose's reader).
        static func generic(_ value: SourcedTree) -> JSONValue {
            switch value {
            case .mapping(let entries, _):
                return .object(entries.map { ($0.key, generic($0.value)) })
            case .sequence(let items, _):
                return .array(items.map(generic))
            case .scalar(let scalar):
                guard scalar.kind == .literal else { return .string(Interpolation.escape(scalar.value)) }
                switch ComposeScalars.typed(scalar.value) {
                case .null: return .null
                case .bool(let value): return .bool(value)
                case .int(let text): return Int(text).map(JSONValue.int) ?? .string(text)
                case .float(let value): return .double(value)
                case .string(let text): return .string(Interpolation.escape(text))
                }
            }
        }
    }
}
