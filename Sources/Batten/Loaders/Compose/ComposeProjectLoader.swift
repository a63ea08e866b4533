import BattenYAML

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
public struct ComposeProjectLoader: Sendable {
    public var options: ComposeProjectOptions
    /// The process environment used for interpolation (tests pass their own).
    public var environment: [String: String]
    public var limits: YAMLLimits

    public init(options: ComposeProjectOptions, environment: [String: String], limits: YAMLLimits = .default) {
        self.options = options
        self.environment = environment
        self.limits = limits
    }

    /// Loads the project. `preloaded` holds files the caller has already read and parsed, by the path
    /// as given in `options.files` (`-` for standard input), so that no file is parsed twice.
    public func load(preloaded: [String: YAMLStream] = [:]) -> ComposeLoadResult {
        ComposeLoadResult()
    }
}

/// A loaded Compose project.
public struct ComposeLoadResult: Sendable {
    /// One workload per service that is enabled by the active profiles.
    public var workloads: [Workload] = []
    /// The merged project (services, volumes, secrets, configs, networks) with provenance.
    public var merged: SourcedTree?
    /// The files that make up the project, in load order (`-f` files, then `extends` / `include` files).
    public var files: [String] = []
    public var diagnostics: [Diagnostic] = []

    public init(workloads: [Workload] = [], merged: SourcedTree? = nil, files: [String] = [], diagnostics: [Diagnostic] = []) {
        self.workloads = workloads
        self.merged = merged
        self.files = files
        self.diagnostics = diagnostics
    }
}
