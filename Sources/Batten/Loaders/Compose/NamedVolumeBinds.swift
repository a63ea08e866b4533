import BattenYAML

/// Finds the Compose named volumes whose definition is a host path and gives the mounts that use
/// them that path (``Mount/namedVolumeBind`` and ``Mount/resolvedSource``), so that every rule about
/// host paths judges them as bind mounts.
///
/// A definition is a host path when it uses the `local` driver (written or by default) with
/// `driver_opts` whose `o` holds `bind` or `rbind`, whose `type` is `none`, `bind` or absent, and
/// that name a `device`; or when its driver is the `local-persist` plugin with a `mountpoint`.
/// External volumes are defined elsewhere and are left alone.
///
/// Paths are resolved as `docker compose config` resolves them: only for a definition that writes
/// `driver: local` and `o: bind` exactly is a relative `device` made absolute against the project
/// directory (the directory of the file that sets it, for `extends` and `include`) and `~` expanded.
/// Any other relative path reaches the engine as written and stays unresolved.
enum NamedVolumeBinds {
    /// The host-path definitions among the top-level `volumes` of `resources`, by volume key.
    static func definitions(in resources: SourcedTree) -> [String: NamedVolumeBind] {
        var binds: [String: NamedVolumeBind] = [:]
        for entry in resources["volumes"]?.entries ?? [] {
            if let bind = bind(named: entry.key, definition: entry.value) { binds[entry.key] = bind }
        }
        return binds
    }

    /// Gives every named-volume mount of `workload` whose volume is in `binds` its host path.
    static func attach(_ binds: [String: NamedVolumeBind], to workload: inout WorkloadBuilder, paths: ComposePathResolver) {
        guard !binds.isEmpty else { return }
        for containerIndex in workload.containers.indices {
            for mountIndex in workload.containers[containerIndex].mounts.indices {
                let mount = workload.containers[containerIndex].mounts[mountIndex]
                guard mount.kind == .volume, let source = mount.source, let bind = binds[source] else { continue }
                var path = bind.device
                if bind.composeResolvesDevice { path = paths.resolve(path, at: bind.definitionNode) }
                if ComposePaths.isAbsolute(path) { path = ComposePaths.clean(path) }
                workload.containers[containerIndex].mounts[mountIndex].namedVolumeBind = bind
                workload.containers[containerIndex].mounts[mountIndex].resolvedSource = path
            }
        }
    }

    private static func bind(named name: String, definition: SourcedTree) -> NamedVolumeBind? {
        guard definition.entries != nil, !isExternal(definition),
            let options = definition["driver_opts"], let optionsNode = options.node
        else { return nil }
        let writtenDriver = text(definition["driver"])
        let driver = writtenDriver ?? "local"
        if driver.isEmpty || driver == "local" {
            let written = text(options["o"]) ?? ""
            let mountOptions = written.split(separator: ",").map { $0.trimmingWhitespace }
            let type = text(options["type"]) ?? "none"
            guard mountOptions.contains(where: { $0 == "bind" || $0 == "rbind" }), ["none", "bind", ""].contains(type),
                let device = text(options["device"]), !device.isEmpty
            else { return nil }
            return NamedVolumeBind(
                volumeName: name, device: device, definitionNode: optionsNode,
                composeResolvesDevice: writtenDriver == "local" && written == "bind", readOnly: mountOptions.contains("ro"))
        }
        if isLocalPersist(driver), let mountpoint = text(options["mountpoint"]), !mountpoint.isEmpty {
            return NamedVolumeBind(volumeName: name, device: mountpoint, definitionNode: optionsNode)
        }
        return nil
    }

    /// `local-persist`, with or without a repository and a tag (`cwspear/local-persist:latest`).
    private static func isLocalPersist(_ driver: String) -> Bool {
        var name = driver.lowercased()
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
        return name == "local-persist"
    }

    private static func isExternal(_ definition: SourcedTree) -> Bool {
        guard let external = definition["external"] else { return false }
        if let value = external.scalar?.value.trimmingWhitespace.lowercased() { return value == "true" }
        return external.entries != nil
    }

    private static func text(_ tree: SourcedTree?) -> String? {
        tree?.scalar?.value.trimmingWhitespace
    }
}
