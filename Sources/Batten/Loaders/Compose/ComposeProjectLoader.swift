import BattenYAML
import Foundation

/// The command-line options that select a Compose project, as `docker compose` takes them.
public struct ComposeProjectOptions: Sendable, Hashable {
    /// `-f` files in order; empty for default discovery in `projectDirectory` (or the working directory).
    public var files: [String]
    /// `--project-directory`; defaults to the directory of the first file.
    public var projectDirectory: String?
    /// `--env-file` files; default `.env` in the project directory.
    public var envFiles: [String]
    /// `--profile` names.
    public var profiles: [String]
    /// `-p` / `--project-name`.
    public var projectName: String?

    public init(
        files: [String] = [], projectDirectory: String? = nil, envFiles: [String] = [], profiles: [String] = [],
        projectName: String? = nil
    ) {
        self.files = files
        self.projectDirectory = projectDirectory
        self.envFiles = envFiles
        self.profiles = profiles
        self.projectName = projectName
    }
}

/// Loads a Compose project the way `docker compose` does: discovery, interpolation, `extends`,
/// `include`, multi-file merge with `!reset`/`!override`, profiles — keeping provenance.
///
/// Order, per Compose: find the files (`-f`, `COMPOSE_FILE`, or default discovery up the directory
/// tree); read the env file (`--env-file`, else `.env` in the project directory; the process
/// environment wins over it); decide the project name; then for each file in order interpolate,
/// apply `extends`, add `include`d projects and merge onto the files before it; finally apply
/// profiles. Problems become located diagnostics; what can be loaded still is.
public struct ComposeProjectLoader: Sendable {
    public var options: ComposeProjectOptions
    /// The process environment used for interpolation (tests pass their own).
    public var environment: [String: String]
    public var limits: YAMLLimits
    /// The directory relative command-line paths are resolved against.
    public var workingDirectory: String
    /// Where file contents come from (the disk, or patched contents during a fix).
    public var reader: FileReader = .disk

    public init(
        options: ComposeProjectOptions, environment: [String: String], limits: YAMLLimits = .default,
        workingDirectory: String? = nil
    ) {
        self.options = options
        self.environment = environment
        self.limits = limits
        self.workingDirectory = ComposePaths.clean(workingDirectory ?? FileManager.default.currentDirectoryPath)
    }

    /// Loads the project. `preloaded` holds files the caller has already read and parsed, by the path
    /// as given in `options.files` (`-` for standard input), so that no file is parsed twice.
    public func load(preloaded: [String: YAMLStream] = [:]) -> ComposeLoadResult {
        var state = ComposeLoadState(workingDirectory: workingDirectory, limits: limits, preloaded: preloaded, reader: reader)
        var result = ComposeLoadResult()
        guard let files = projectFiles(state: &state) else {
            result.diagnostics = state.diagnostics
            return result
        }
        let projectDirectory: String
        if let directory = options.projectDirectory {
            projectDirectory = state.absolute(directory)
        } else if files[0] == "-" {
            projectDirectory = workingDirectory
        } else {
            projectDirectory = ComposePaths.directory(of: state.absolute(files[0]))
        }

        var variables = ComposeEnvironment.build(
            process: environment, envFiles: options.envFiles, projectDirectory: projectDirectory, state: &state)
        let name = projectName(files: files, variables: variables, projectDirectory: projectDirectory, state: &state)
        if variables["COMPOSE_PROJECT_NAME"] == nil { variables["COMPOSE_PROJECT_NAME"] = name }

        let assembler = ComposeProjectAssembler(environment: variables, projectDirectory: projectDirectory, includeStack: [])
        let model = assembler.assemble(files: files, state: &state)

        let active = ComposeProfiles.active(flags: options.profiles, environment: variables)
        let paths = ComposePathResolver(projectDirectory: projectDirectory, bases: state.pathBases, home: variables["HOME"])
        let extractor = ServiceExtractor(
            projectName: name, projectDirectory: projectDirectory, environment: variables, paths: paths)
        let volumeBinds = NamedVolumeBinds.definitions(in: model.resources)
        var services: [SourcedTreeEntry] = []
        for var service in model.services {
            service.tree = ComposeUniqueness.enforce(service.tree)
            let isEnabled = ComposeProfiles.isEnabled(service.tree, active: active)
            if isEnabled {
                ComposeReferences.check(service, resources: model.resources, diagnostics: &state.diagnostics)
            } else {
                result.disabledServices.append(service.name)
            }
            let diagnosticsBefore = state.diagnostics.count
            var builder = extractor.extract(service, state: &state)
            NamedVolumeBinds.attach(volumeBinds, to: &builder, paths: paths)
            DockerfileReading.attach(to: &builder, reader: reader, state: &state)
            builder.compose?.isBehindInactiveProfile = !isEnabled
            let workload = builder.build()
            result.auditedWorkloads.append(workload)
            guard isEnabled else {
                ComposeProfiles.soften(&state.diagnostics, from: diagnosticsBefore, service: service.tree, name: service.name)
                continue
            }
            result.workloads.append(workload)
            services.append(SourcedTreeEntry(key: service.name, keyNode: service.keyNode, value: service.tree))
        }

        let nameNode = model.resources.entry("name")
        var entries = [
            SourcedTreeEntry(key: "name", keyNode: nameNode?.keyNode, value: .derived(name, node: nameNode?.value.node)),
            SourcedTreeEntry(key: "services", keyNode: nil, value: .mapping(services, node: nil)),
        ]
        entries += (model.resources.entries ?? []).filter { $0.key != "name" }
        result.merged = .mapping(entries, node: nil)
        result.projectName = name
        result.projectDirectory = projectDirectory
        result.activeProfiles = active
        result.files = state.files
        result.sources = state.sources
        result.environment = variables
        result.paths = paths
        result.diagnostics = InputLoader.unique(state.diagnostics)
        return result
    }

    /// The `-f` files, else `COMPOSE_FILE`, else the files of default discovery; nil (with an error)
    /// when there is none.
    private func projectFiles(state: inout ComposeLoadState) -> [String]? {
        if !options.files.isEmpty { return options.files }
        let searchDirectory = options.projectDirectory.map(state.absolute) ?? workingDirectory
        if let variable = environment["COMPOSE_FILE"], !variable.isEmpty {
            let separator = environment["COMPOSE_PATH_SEPARATOR"].flatMap(\.first) ?? ":"
            let files = variable.split(separator: separator).map(String.init)
            if !files.isEmpty { return files }
        }
        let found = ComposeDiscovery.defaultFiles(in: searchDirectory)
        guard let first = found.first else {
            state.diagnostics.append(
                Diagnostic(
                    level: .error, path: ComposeEnvironment.displayPath(searchDirectory, workingDirectory: workingDirectory),
                    position: nil,
                    message: "no Compose file found here or in a parent directory (looked for \(ComposeDiscovery.defaultFileNames.joined(separator: ", ")))"))
            return nil
        }
        let directory = ComposePaths.directory(of: first)
        let candidates = ComposeDiscovery.candidates(in: directory)
        if candidates.count > 1 {
            state.diagnostics.append(
                Diagnostic(
                    level: .warning, path: ComposeEnvironment.displayPath(first, workingDirectory: workingDirectory), position: nil,
                    message: "found several Compose files (\(candidates.joined(separator: ", "))); using \(ComposePaths.fileName(first)) as docker compose does"
                ))
        }
        let overrides = ComposeDiscovery.overrideCandidates(in: directory)
        if overrides.count > 1, found.count > 1 {
            state.diagnostics.append(
                Diagnostic(
                    level: .warning, path: ComposeEnvironment.displayPath(found[1], workingDirectory: workingDirectory), position: nil,
                    message:
                        "found several override files (\(overrides.joined(separator: ", "))); using \(ComposePaths.fileName(found[1])) as docker compose does"))
        }
        return found.map { ComposeEnvironment.displayPath($0, workingDirectory: workingDirectory) }
    }

    /// `-p`, else `COMPOSE_PROJECT_NAME`, else the last non-empty `name:` of the files, else the project
    /// directory's name.
    private func projectName(
        files: [String], variables: [String: String], projectDirectory: String, state: inout ComposeLoadState
    ) -> String {
        let imperative = options.projectName ?? variables["COMPOSE_PROJECT_NAME"].flatMap { $0.isEmpty ? nil : $0 }
        if let imperative {
            if !ComposeProjectName.isValid(imperative) {
                state.diagnostics.append(
                    Diagnostic(
                        level: .error, path: files.first ?? ".", position: nil,
                        message:
                            "invalid project name \"\(imperative)\": use only lower-case letters, digits, dashes and underscores, starting with a letter or digit"
                    ))
            }
            let normalized = ComposeProjectName.normalize(imperative)
            if !normalized.isEmpty { return normalized }
        }
        var fromFiles = ""
        for file in files {
            guard let stream = state.read(file) else { continue }
            for document in stream.documents {
                guard let root = document.root, document.kind(root) == .mapping,
                    let value = document.value(forKey: "name", in: root), let text = document.scalar(document.resolve(value))
                else { continue }
                let interpolated = Interpolation.interpolate(text) { variables[$0] }.value
                let normalized = ComposeProjectName.normalize(interpolated)
                if !normalized.isEmpty { fromFiles = normalized }
            }
        }
        if !fromFiles.isEmpty { return fromFiles }
        let directoryName = ComposeProjectName.normalize(ComposePaths.fileName(projectDirectory))
        return directoryName.isEmpty ? "default" : directoryName
    }
}

/// A loaded Compose project.
public struct ComposeLoadResult: Sendable {
    /// One workload per service that is enabled by the active profiles.
    public var workloads: [Workload] = []
    /// The merged project (name, services enabled by the active profiles, volumes, secrets, configs,
    /// networks, `x-*`) with provenance.
    public var merged: SourcedTree?
    /// The files that make up the project, in load order (`-f` files, then `extends` / `include` files).
    public var files: [String] = []
    public var diagnostics: [Diagnostic] = []
    /// The project name (`-p`, `COMPOSE_PROJECT_NAME`, `name:`, or the directory's name, normalized).
    public var projectName: String = ""
    /// The project directory (absolute).
    public var projectDirectory: String = ""
    /// Services left out because none of their profiles is active.
    public var disabledServices: [String] = []
    /// What is audited, in the order of the services: ``workloads`` and, between them, the services
    /// of ``disabledServices`` loaded as if their profiles were active
    /// (``ComposeServiceDetails/isBehindInactiveProfile``). A production override hardens only
    /// ``workloads``, the services `docker compose` runs with the active profiles.
    public var auditedWorkloads: [Workload] = []
    /// The active profiles.
    public var activeProfiles: [String] = []
    /// The files read, by displayed path, so that reports can quote source lines.
    public var sources: [String: SourceFile] = [:]
    /// The variables the project was interpolated with (process environment over `.env`).
    var environment: [String: String] = [:]
    var paths = ComposePathResolver(projectDirectory: "", bases: [:], home: nil)

    public init(workloads: [Workload] = [], merged: SourcedTree? = nil, files: [String] = [], diagnostics: [Diagnostic] = []) {
        self.workloads = workloads
        self.auditedWorkloads = workloads
        self.merged = merged
        self.files = files
        self.diagnostics = diagnostics
    }
}
