/// What Batten knows about one container image: how it starts, what it writes, which user it can
/// run as, how to check its health and when it answers without credentials, each setting with the
/// documented reason it rests on.
///
/// Profiles are data (`Policies/images/*.yaml`, or a user's `--image-profiles` directory) read by
/// ``ImageProfileParser``. The Compose fixes of `capabilities-not-dropped`, `writable-root-filesystem`,
/// `runs-as-root`, `missing-healthcheck` and `restart-without-healthcheck` use the profile that
/// matches a service's image; `unauthenticated-service` reports the risk a profile describes.
public struct ImageProfile: Sendable {
    /// The capabilities the image needs back after `cap_drop: [ALL]` when it starts as root (to
    /// prepare its directories and switch to its own user).
    public struct Capabilities: Sendable, Hashable {
        /// Canonical Linux capability names without the `CAP_` prefix (`CHOWN`, `SETUID`).
        public var add: [String]
        public var reason: String
        /// Capabilities a binary of the image gets from its file capabilities whatever user starts it
        /// (pgadmin's Python binds port 80 with NET_BIND_SERVICE): they must stay in the bounding set,
        /// so the `cap_drop: [ALL]` fix adds them back, and `no-new-privileges`, which ignores file
        /// capabilities, changes what the image does.
        public var file: [String]
        /// What the image does without the file capabilities (`no-new-privileges`, or them dropped);
        /// nil when `file` is empty.
        public var fileReason: String?

        public init(add: [String], reason: String, file: [String] = [], fileReason: String? = nil) {
            self.add = add
            self.reason = reason
            self.file = file
            self.fileReason = fileReason
        }
    }

    /// A user the image can run as, set with Compose `user`.
    public enum RunAs: Sendable, Hashable {
        /// This `user` value (`postgres`, `999:999`): a name from the image's `/etc/passwd`, or ids.
        case user(String)
        /// Any non-root id: the policy's `user` applies.
        case any
        /// The image cannot run as another user without changes to its configuration.
        case none
    }

    /// Which user the image runs as and which one it can run as.
    public struct User: Sendable, Hashable {
        /// The user the image runs as when Compose sets none (`root`, `472:0`, `haproxy`).
        public var image: String
        public var runAs: RunAs
        public var reason: String
        /// The numeric `uid:gid` of a named `runAs` user, by variant word of the tag (`alpine`), with
        /// `default` for every other tag: Kubernetes' `runAsUser` takes numbers only, and a user's
        /// ids can differ between variants (postgres is 999 on Debian, 70 on Alpine).
        public var ids: [String: String]

        public init(image: String, runAs: RunAs, reason: String, ids: [String: String] = [:]) {
            self.image = image
            self.runAs = runAs
            self.reason = reason
            self.ids = ids
        }

        /// The numeric user and group to run as for `tag`: `runAs` when it is numeric, else the ids
        /// of the tag's variant (or `default`); nil when the profile gives no number.
        public func numericRunAs(tag: String?) -> (uid: Int, gid: Int?)? {
            guard case .user(let value) = runAs else { return nil }
            if let parsed = Self.numeric(value) { return parsed }
            let words = TagConstraint.variantWords(tag)
            let key = ids.keys.sorted().first { key in key != "default" && words.contains { $0.hasPrefix(key) } } ?? "default"
            return ids[key].flatMap(Self.numeric)
        }

        /// `999:999` → (999, 999), `1000` → (1000, nil); nil for names.
        static func numeric(_ text: String) -> (uid: Int, gid: Int?)? {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let first = parts.first, let uid = Int(first) else { return nil }
            guard parts.count == 2 else { return (uid, nil) }
            guard let gid = Int(parts[1]) else { return nil }
            return (uid, gid)
        }

        /// True when the image runs as root unless Compose sets `user`.
        public var imageRunsAsRoot: Bool { UserSpec(image).isRoot }
    }

    /// How a writable path is provided next to `read_only: true`.
    public enum MountKind: String, Sendable, Hashable, CaseIterable {
        /// Scratch space that may start empty on every start: run directories, caches, `/tmp`.
        case tmpfs
        /// Data, or a directory whose files from the image must be there: a volume (Docker copies
        /// the image's files into a new one).
        case volume
    }

    /// A path the image writes.
    public struct WritablePath: Sendable, Hashable {
        public var path: String
        public var kind: MountKind
        public var reason: String

        public init(path: String, kind: MountKind, reason: String) {
            self.path = path
            self.kind = kind
            self.reason = reason
        }
    }

    /// A health check that works in the image, or why there is none.
    public struct Healthcheck: Sendable, Hashable {
        /// The Compose `test` (`["CMD", …]` or `["CMD-SHELL", …]`) as the shell sees it: a `$` is a
        /// literal `$`, doubled when written to a Compose file. Nil when no check fits every use of
        /// the image.
        public var test: [String]?
        public var interval: String?
        public var timeout: String?
        public var retries: Int?
        public var startPeriod: String?
        public var reason: String
        /// Settings the service must have for the check to work (Traefik's `--ping`): without one of
        /// them the check is not added.
        public var requires: [Condition]

        public init(
            test: [String]?, interval: String? = nil, timeout: String? = nil, retries: Int? = nil,
            startPeriod: String? = nil, reason: String, requires: [Condition] = []
        ) {
            self.test = test
            self.interval = interval
            self.timeout = timeout
            self.retries = retries
            self.startPeriod = startPeriod
            self.reason = reason
            self.requires = requires
        }
    }

    /// A setting of a service: an environment variable (with an optional value) or a word of its
    /// `command` / `entrypoint` (a glob: `--requirepass`, `*.conf`).
    public enum Condition: Sendable, Hashable, CustomStringConvertible {
        case environment(String, value: String?)
        case argument(String)

        public var description: String {
            switch self {
            case .environment(let name, let value?): return "environment \(name)=\(value)"
            case .environment(let name, nil): return "environment \(name)"
            case .argument(let pattern): return "argument `\(pattern)`"
            }
        }
    }

    /// When the service answers without credentials.
    public struct Authentication: Sendable, Hashable {
        /// Container ports the service listens on; empty means any published port counts.
        public var ports: [Int]
        /// Settings of which one must be present for clients to need credentials; empty when the
        /// image asks for them by default.
        public var securedBy: [Condition]
        /// Settings that turn credentials off.
        public var insecureWhen: [Condition]
        /// What an unauthenticated client can do.
        public var risk: String
        /// How to turn authentication on.
        public var remediation: String

        public init(ports: [Int], securedBy: [Condition], insecureWhen: [Condition], risk: String, remediation: String) {
            self.ports = ports
            self.securedBy = securedBy
            self.insecureWhen = insecureWhen
            self.risk = risk
            self.remediation = remediation
        }
    }

    /// What the image is for, which decides what its published ports are for: an edge proxy or web
    /// server publishes its ports to serve, a database only to the other services.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// A reverse proxy or load balancer in front of the stack (nginx, traefik, caddy, haproxy).
        case edge
        /// A web application people reach (grafana, keycloak, wordpress).
        case web
        case database
        case cache
        case broker
        /// An administration console (pgadmin, portainer, adminer).
        case admin
        /// Metrics and logs collection (prometheus, loki).
        case monitoring
        /// Object storage whose API may be public or private (minio).
        case storage
        /// A language runtime that runs your application (python, node): what the application writes
        /// and which user it needs are not the image's to say.
        case runtime
        /// A family of images on one base that run many different applications (linuxserver.io's):
        /// the base's start-up is known, what each application needs is not the profile's to say.
        case base

        /// Why a profile of this role cannot say what the application inside needs (its capabilities,
        /// the paths it writes, its user), as a phrase after the profile's name; nil for roles whose
        /// profile can.
        public var applicationUnknown: String? {
            switch self {
            case .runtime: return "is a language runtime"
            case .base: return "covers many applications on one base image"
            default: return nil
            }
        }

        /// True for roles whose published ports are their purpose.
        public var servesPublicly: Bool { self == .edge || self == .web }
        /// True for roles whose published ports serve only the stack and the host's operators.
        public var servesInternally: Bool {
            self == .database || self == .cache || self == .broker || self == .admin || self == .monitoring
        }
    }

    /// A document a profile is based on and the facts taken from it.
    public struct Source: Sendable, Hashable {
        public var url: String
        public var facts: [String]

        public init(url: String, facts: [String]) {
            self.url = url
            self.facts = facts
        }
    }

    public var name: String
    public var summary: String
    public var patterns: [ImagePattern]
    public var tags: TagConstraint
    public var capabilities: Capabilities
    public var user: User
    public var writable: [WritablePath]
    public var healthcheck: Healthcheck
    public var authentication: Authentication?
    /// What the image is for; nil when the profile does not say.
    public var role: Role?
    /// The container ports the image serves on (`[80, 443]`); empty when the profile does not say.
    public var ports: [Int]
    /// The variables the image can read from a file (`POSTGRES_PASSWORD_FILE`); nil when it reads
    /// its settings from the environment only.
    public var secretFiles: SecretFiles?
    /// Paths older releases used that this one rejects or ignores (``MovedPath``).
    public var movedPaths: [MovedPath]
    /// The host paths and namespaces the image needs (a node exporter's `/proc`); empty for most images.
    public var hostAccess: [HostAccess]
    /// What a read-only root filesystem needs beyond the `writable` mounts (``ReadOnlyRoot``); nil
    /// when those are enough.
    public var readOnlyRoot: ReadOnlyRoot?
    public var documentation: [Source]
    /// The file the profile was read from (`<builtin>/images/postgres.yaml` for built-ins).
    public var origin: String

    public init(
        name: String, summary: String, patterns: [ImagePattern], tags: TagConstraint = TagConstraint(),
        capabilities: Capabilities, user: User, writable: [WritablePath], healthcheck: Healthcheck,
        authentication: Authentication? = nil, role: Role? = nil, ports: [Int] = [], secretFiles: SecretFiles? = nil,
        movedPaths: [MovedPath] = [], hostAccess: [HostAccess] = [], readOnlyRoot: ReadOnlyRoot? = nil,
        documentation: [Source], origin: String
    ) {
        self.name = name
        self.summary = summary
        self.patterns = patterns
        self.tags = tags
        self.capabilities = capabilities
        self.user = user
        self.writable = writable
        self.healthcheck = healthcheck
        self.authentication = authentication
        self.role = role
        self.ports = ports
        self.secretFiles = secretFiles
        self.movedPaths = movedPaths
        self.hostAccess = hostAccess
        self.readOnlyRoot = readOnlyRoot
        self.documentation = documentation
        self.origin = origin
    }
}
