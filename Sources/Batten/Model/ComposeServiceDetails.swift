import BattenYAML

/// Compose-only settings of a service, after interpolation, `extends`, `include` and merging.
public struct ComposeServiceDetails: Sendable {
    /// The project name (`name:`, `COMPOSE_PROJECT_NAME`, or the project directory's name).
    public var projectName: String
    /// The project directory (absolute).
    public var projectDirectory: String
    /// Every service mapping that contributed to this service, in merge order (base files first,
    /// `extends` bases before the extending service).
    public var definitions: [NodeRef]
    /// The merged service with provenance, as `batten config` prints it.
    public var merged: SourcedTree

    public var build: BuildSettings?
    public var networkMode: Sourced<String>?
    public var pid: Sourced<String>?
    public var ipc: Sourced<String>?
    public var uts: Sourced<String>?
    public var usernsMode: Sourced<String>?
    public var cgroupParent: Sourced<String>?
    /// `security_opt` entries as written after interpolation, in merge order (not de-duplicated).
    public var securityOptions: [Sourced<String>]
    /// The `security_opt` list node of the file that defines it last, when present.
    public var securityOptionsNode: NodeRef?
    public var restart: Sourced<String>?
    /// `deploy.restart_policy.condition`.
    public var restartPolicyCondition: Sourced<String>?
    /// `deploy.restart_policy.max_attempts`.
    public var restartPolicyMaxAttempts: Sourced<String>?
    public var expose: [Sourced<String>]
    /// `ulimits` by name; a single number or `soft:hard` as `"soft:hard"`.
    public var ulimits: [String: Sourced<String>]
    public var envFiles: [Sourced<String>]
    /// The variables read from the `env_file` files, in file order (a later file wins); `environment`
    /// entries of the same name take precedence over them. Each points at its `env_file` entry.
    public var envFileVariables: [EnvironmentVariable]
    /// Names of `secrets` / `configs` the service uses.
    public var secrets: [Sourced<String>]
    public var configs: [Sourced<String>]
    public var useAPISocket: Sourced<Bool>?
    public var profiles: [String]
    /// True when none of `profiles` is active: `docker compose` leaves the service out unless one of
    /// them is enabled, and Batten audits it as it runs then, so that a dangerous service cannot
    /// pass by hiding behind a profile.
    public var isBehindInactiveProfile = false
    /// `x-*` keys of the service.
    public var extensions: [String: NodeRef]
    /// True when `deploy.resources.limits` was set through legacy keys (`mem_limit`, `cpus`, `pids_limit`).
    public var usesLegacyLimits: Bool

    public init(
        projectName: String, projectDirectory: String, definitions: [NodeRef], merged: SourcedTree,
        build: BuildSettings? = nil, networkMode: Sourced<String>? = nil, pid: Sourced<String>? = nil,
        ipc: Sourced<String>? = nil, uts: Sourced<String>? = nil, usernsMode: Sourced<String>? = nil,
        cgroupParent: Sourced<String>? = nil, securityOptions: [Sourced<String>] = [],
        securityOptionsNode: NodeRef? = nil, restart: Sourced<String>? = nil,
        restartPolicyCondition: Sourced<String>? = nil, restartPolicyMaxAttempts: Sourced<String>? = nil,
        expose: [Sourced<String>] = [], ulimits: [String: Sourced<String>] = [:], envFiles: [Sourced<String>] = [],
        envFileVariables: [EnvironmentVariable] = [], secrets: [Sourced<String>] = [], configs: [Sourced<String>] = [],
        useAPISocket: Sourced<Bool>? = nil,
        profiles: [String] = [], extensions: [String: NodeRef] = [:], usesLegacyLimits: Bool = false
    ) {
        self.projectName = projectName
        self.projectDirectory = projectDirectory
        self.definitions = definitions
        self.merged = merged
        self.build = build
        self.networkMode = networkMode
        self.pid = pid
        self.ipc = ipc
        self.uts = uts
        self.usernsMode = usernsMode
        self.cgroupParent = cgroupParent
        self.securityOptions = securityOptions
        self.securityOptionsNode = securityOptionsNode
        self.restart = restart
        self.restartPolicyCondition = restartPolicyCondition
        self.restartPolicyMaxAttempts = restartPolicyMaxAttempts
        self.expose = expose
        self.ulimits = ulimits
        self.envFiles = envFiles
        self.envFileVariables = envFileVariables
        self.secrets = secrets
        self.configs = configs
        self.useAPISocket = useAPISocket
        self.profiles = profiles
        self.extensions = extensions
        self.usesLegacyLimits = usesLegacyLimits
    }
}

/// A Compose `build` section.
public struct BuildSettings: Sendable {
    /// The build context as written (`.`, `./backend`, a URL).
    public var context: String
    /// The context resolved against the project directory.
    public var resolvedContext: String
    public var dockerfile: String?
    public var target: String?
    /// `build.args` after interpolation (list and map forms).
    public var arguments: [String: String]
    public var node: NodeRef
    /// What the Dockerfile says (final `USER`, `HEALTHCHECK`, `EXPOSE`), when it could be read.
    public var facts: DockerfileFacts?

    public init(
        context: String, resolvedContext: String, dockerfile: String? = nil, target: String? = nil,
        arguments: [String: String] = [:], node: NodeRef, facts: DockerfileFacts? = nil
    ) {
        self.context = context
        self.resolvedContext = resolvedContext
        self.dockerfile = dockerfile
        self.target = target
        self.arguments = arguments
        self.node = node
        self.facts = facts
    }

    /// The Dockerfile's path: `dockerfile` resolved against the context (default `Dockerfile`);
    /// nil for remote contexts and inline `dockerfile_inline` builds.
    public var dockerfilePath: String? {
        guard resolvedContext.hasPrefix("/") else { return nil }
        let name = dockerfile ?? "Dockerfile"
        if name.hasPrefix("/") { return name }
        return resolvedContext.hasSuffix("/") ? resolvedContext + name : resolvedContext + "/" + name
    }
}
