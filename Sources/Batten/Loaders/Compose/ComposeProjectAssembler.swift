import BattenYAML

/// A project while it is assembled: services in the order they were first defined, and the other
/// top-level keys (`name`, `volumes`, `networks`, `secrets`, `configs`, `x-*`).
struct ComposeProjectModel: Sendable {
    private(set) var services: [ComposeServiceState] = []
    private var positions: [String: Int] = [:]
    var resources: SourcedTree = .mapping([], node: nil)

    func index(of name: String) -> Int? {
        positions[name]
    }

    mutating func append(_ service: ComposeServiceState) {
        positions[service.name] = services.count
        services.append(service)
    }

    mutating func update(at index: Int, _ change: (inout ComposeServiceState) -> Void) {
        change(&services[index])
    }

    mutating func remove(_ name: String) {
        guard let index = positions[name] else { return }
        services.remove(at: index)
        positions = Dictionary(uniqueKeysWithValues: services.enumerated().map { ($0.element.name, $0.offset) })
    }
}

/// Reads files in order and merges them the way Compose does, per file: interpolate, apply `extends`,
/// add `include`d projects, then merge onto the files before it (after applying its `!reset` /
/// `!override`).
struct ComposeProjectAssembler {
    let environment: [String: String]
    /// The directory relative paths of these files are resolved against (absolute).
    let projectDirectory: String
    /// Absolute paths of the files that include this project, to detect include cycles.
    let includeStack: [String]

    /// Top-level keys that are not resources.
    static let nonResourceKeys: Set<String> = ["services", "include", "version"]

    func assemble(files: [String], state: inout ComposeLoadState) -> ComposeProjectModel {
        var project = ComposeProjectModel()
        var resolver = ExtendsResolver(environment: environment)
        for file in files {
            guard let stream = state.read(file) else { continue }
            let absolutePath = file == "-" ? state.absolute(stream.source.path) : state.absolute(file)
            for document in stream.documents where !document.isEmpty {
                state.setBase(projectDirectory, for: document)
                process(
                    document, displayPath: stream.source.path, absolutePath: absolutePath, into: &project,
                    resolver: &resolver, state: &state)
            }
        }
        return project
    }

    private func process(
        _ document: YAMLDocument, displayPath: String, absolutePath: String, into project: inout ComposeProjectModel,
        resolver: inout ExtendsResolver, state: inout ComposeLoadState
    ) {
        var builder = ComposeTreeBuilder(document: document, environment: environment)
        guard let root = builder.buildRoot() else { return }
        state.diagnostics += builder.diagnostics
        guard case .mapping(let rootEntries, let rootNode) = root else {
            if let node = root.node { state.diagnostics.append(Diagnostic.notComposeMapping(node, root: root)) }
            return
        }
        let directives = builder.directives
        let fileServices = ComposeFileServices(
            root: root, directives: directives, displayPath: displayPath, absolutePath: absolutePath,
            document: document.index, diagnostics: &state.diagnostics)
        resolver.register(fileServices)
        var services: [ComposeServiceState] = []
        for name in fileServices.order {
            if let service = resolver.resolve(name, in: fileServices, state: &state) { services.append(service) }
        }

        var resources = SourcedTree.mapping(
            rootEntries.filter { !Self.nonResourceKeys.contains($0.key) }.map(normalizeResource), node: rootNode)
        resources = ComposeMerge.stripResets(directives, from: resources)

        if let include = root["include"] {
            let loader = ComposeInclude(environment: environment, includeStack: includeStack + [absolutePath])
            var imported: [ComposeServiceState] = []
            for loaded in loader.load(include, includingFile: displayPath, state: &state) {
                for service in loaded.model.services {
                    if let own = services.first(where: { $0.name == service.name }) {
                        state.diagnostics.append(
                            Diagnostic(
                                .error, at: own.keyNode,
                                "service \"\(service.name)\" conflicts with the service of the same name imported by include (\(loaded.files.joined(separator: ", ")))"
                            ))
                    } else if imported.contains(where: { $0.name == service.name }) {
                        if let node = loaded.node {
                            state.diagnostics.append(
                                Diagnostic(
                                    .error, at: node,
                                    "service \"\(service.name)\" imported by include (\(loaded.files.joined(separator: ", "))) is already imported by another include"
                                ))
                        }
                    } else {
                        imported.append(service)
                    }
                }
                resources = Self.addMissing(from: loaded.model.resources, to: resources)
            }
            services = imported + services
        }

        for directive in directives where directive.path.count == 2 && directive.path[0] == "services" {
            project.remove(directive.path[1])
        }
        for service in services {
            let prefix = ["services", service.name]
            guard let index = project.index(of: service.name) else {
                project.append(service)
                continue
            }
            let own = fileServices.services[service.name]?.directives ?? []
            project.update(at: index) { existing in
                let base = ComposeMerge.apply(own, to: existing.tree, below: prefix)
                existing.tree = ComposeMerge.merge(base, service.tree, path: prefix)
                existing.definitions += service.definitions
            }
        }
        let topLevel = directives.filter { $0.path.first != "services" }
        project.resources = ComposeMerge.merge(
            ComposeMerge.apply(topLevel, to: project.resources), resources, path: [])
    }

    /// Resource definitions with `labels` lists as mappings, so they merge by key.
    private func normalizeResource(_ entry: SourcedTreeEntry) -> SourcedTreeEntry {
        guard ["volumes", "networks", "secrets", "configs"].contains(entry.key),
            case .mapping(let definitions, let node) = entry.value
        else { return entry }
        var result = entry
        result.value = .mapping(
            definitions.map { definition in
                guard case .mapping(var fields, let fieldNode) = definition.value else { return definition }
                for index in fields.indices where fields[index].key == "labels" {
                    fields[index].value = ComposeShapes.keyValueMapping(fields[index].value, separator: "=")
                }
                var copy = definition
                copy.value = .mapping(fields, node: fieldNode)
                return copy
            }, node: node)
        return result
    }

    /// `target` with the resource definitions of `source` it lacks (`volumes`, `networks`, `secrets`,
    /// `configs`), as `include` imports them.
    static func addMissing(from source: SourcedTree, to target: SourcedTree) -> SourcedTree {
        var result = target
        for kind in ["volumes", "networks", "secrets", "configs"] {
            guard case .mapping(let imported, let importedNode)? = source[kind] else { continue }
            var existing = result[kind]?.entries ?? []
            for definition in imported where !existing.contains(where: { $0.key == definition.key }) {
                existing.append(definition)
            }
            result = result.setting(kind, to: .mapping(existing, node: result[kind]?.node ?? importedNode), keyNode: nil)
        }
        return result
    }
}
