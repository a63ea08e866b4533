import BattenYAML

/// How safe a fix is to apply without review.
public enum FixSafety: String, Sendable, Hashable, Codable, Comparable {
    /// Cannot change what the application does (adds `no-new-privileges`, sets the default seccomp profile).
    case safe
    /// May break the application (read-only root filesystem, dropping capabilities, a user id): a person decides.
    case review

    public static func < (lhs: FixSafety, rhs: FixSafety) -> Bool { lhs == .safe && rhs == .review }
}

/// A proposed remedy: semantic changes that each fixer (in-place edits, Compose override, kustomize
/// overlay) renders its own way.
public struct Fix: Sendable {
    public var title: String
    public var safety: FixSafety
    public var changes: [Change]

    public init(title: String, safety: FixSafety, changes: [Change]) {
        self.title = title
        self.safety = safety
        self.changes = changes
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
