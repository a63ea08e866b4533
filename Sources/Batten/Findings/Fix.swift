import BattenYAML

/// What applying a fix may do to the application, and so who decides whether it is applied.
///
/// `fix --include review` and `override` apply `safe` and `known` fixes; a `decision` is applied only
/// on request (`--include decisions`) and is otherwise shown with a ready snippet and its reason.
public enum FixKind: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// Cannot change what the application does (adds `no-new-privileges`, sets the default seccomp profile).
    case safe
    /// Would change what the application does, but an image profile, the service's Dockerfile or the
    /// manifest itself shows that the image works with it (its user, its writable paths, its capabilities).
    case known
    /// Batten cannot know whether the application still works with it (a generic user, a read-only root
    /// without known writable paths, dropped capabilities of an unknown image): a person decides.
    case decision

    public static func < (lhs: FixKind, rhs: FixKind) -> Bool { lhs.order < rhs.order }

    private var order: Int {
        switch self {
        case .safe: return 0
        case .known: return 1
        case .decision: return 2
        }
    }

    /// How fix titles and reports name the kind: `known from the postgres image profile`.
    public var label: String {
        switch self {
        case .safe: return "safe"
        case .known: return "known"
        case .decision: return "decision"
        }
    }
}

/// A proposed remedy: semantic changes that each fixer (in-place edits, Compose override, kustomize
/// overlay) renders its own way.
public struct Fix: Sendable {
    public var title: String
    public var kind: FixKind
    public var changes: [Change]
    /// Why the fix has its kind: for `known`, the evidence (an image profile, a Dockerfile line, a
    /// setting of the manifest); for `decision`, what Batten cannot know. Nil for most `safe` fixes.
    public var reason: String?
    /// A `decision` written as YAML to paste (``FixSnippet``), kept for the text report when an
    /// analysis drops the edits to save memory; nil otherwise.
    public var snippet: [String]?

    public init(title: String, kind: FixKind, changes: [Change], reason: String? = nil) {
        self.title = title
        self.kind = kind
        self.changes = changes
        self.reason = reason
    }

    /// The title with the kind and its reason, as reports show it:
    /// `Set user: postgres (known: the postgres image profile)`,
    /// `Set read_only: true (decision: no image profile for example/api:1.0 …)`.
    public var labelledTitle: String {
        guard kind != .safe else { return title }
        return "\(title) (\(kind.label)" + (reason.map { ": " + $0 } ?? "") + ")"
    }
}
/// One semantic change to a workload's YAML.
///
/// `path` is a list of mapping keys below the scope's mapping: for Compose the service mapping, for
/// Kubernetes the container mapping or the pod spec mapping. Fixers create missing parents.
public struct Change: Sendable {
    public enum Scope: Sendable, Hashable {
        /// The Compose service mapping.
        case service
        /// The Kubernetes pod spec mapping.
        case pod
        /// A Kubernetes container mapping, by name.
        case container(String)
        /// The Kubernetes pod template's metadata (annotations).
        case podMetadata
        /// The top-level mapping of the Compose file that defines the service (its `secrets:`).
        case project
    }

    public enum Operation: Sendable, Hashable {
        /// Set the value at `path`, replacing what is there (`{}`, `null`, `~` or any other value).
        case set(YAMLValue)
        /// Append an item to the sequence at `path`, creating it when missing. Nothing happens when an
        /// equal item is already there.
        case append(YAMLValue)
        /// Remove the items equal to this value from the sequence at `path`.
        case removeItem(YAMLValue)
        /// Replace the items equal to the first value, in place, by the second (a port rebound to an
        /// address, a bind mount made read-only).
        case replaceItem(YAMLValue, with: YAMLValue)
        /// Remove the key at `path`.
        case remove
        /// Rename the last key of `path` (a misspelt key) to this name, keeping its value.
        case renameKey(String)
    }

    public var scope: Scope
    public var path: [String]
    public var operation: Operation
    /// The mapping `path` starts from: the service, container or pod spec mapping in the file to edit.
    public var target: NodeRef
    /// The node currently at `path`, when there is one (it may sit in another file, or come in through
    /// an anchor or `<<` merge key: a fixer then overrides at the use site).
    public var existing: NodeRef?

    public init(scope: Scope, path: [String], operation: Operation, target: NodeRef, existing: NodeRef? = nil) {
        self.scope = scope
        self.path = path
        self.operation = operation
        self.target = target
        self.existing = existing
    }
}
