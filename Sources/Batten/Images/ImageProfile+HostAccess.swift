extension ImageProfile {
    /// Access to the host that an image needs to do its job: a node exporter reads the host's `/proc`,
    /// `/sys` and `/` and shares its PID namespace; a log collector reads `/var/log`.
    ///
    /// Declared in a profile's `host-access` list. The host-isolation rules still report such an
    /// access, at low severity with the profile's reason and without a fix that removes it; a writable
    /// mount of a path the profile needs only read-only keeps its finding, with a fix that mounts it
    /// read-only.
    public struct HostAccess: Sendable, Hashable {
        /// A host namespace the image shares.
        public enum Namespace: String, Sendable, Hashable, CaseIterable {
            /// Compose `pid: host`, Kubernetes `hostPID`.
            case pid
            /// Compose `network_mode: host`, Kubernetes `hostNetwork`.
            case network
        }

        /// What is accessed.
        public enum Kind: Sendable, Hashable {
            /// A host path (absolute, normalised) mounted into the container; `readOnly` when a
            /// read-only mount is all the image needs.
            case path(String, readOnly: Bool)
            /// A host namespace shared with the container.
            case namespace(Namespace)
        }

        public var kind: Kind
        /// Why the image needs it, from its documentation.
        public var reason: String

        public init(kind: Kind, reason: String) {
            self.kind = kind
            self.reason = reason
        }

        /// True when this entry declares the host path `path` (normalised): `path` is the declared
        /// path or lies below it, so that mounting less than the image needs is covered too.
        public func covers(path: String) -> Bool {
            guard case .path(let declared, _) = kind else { return false }
            return HostPath.isWithin(path, declared)
        }

        /// True when a read-only mount is all the image needs of this path.
        public var isReadOnlyPath: Bool {
            if case .path(_, let readOnly) = kind { return readOnly }
            return false
        }
    }

    /// The declared host access that covers the host path `path`: the most specific entry (the
    /// longest declared path), so that `/var/log` read-only wins over a wider `/` entry.
    public func hostAccess(forPath path: String) -> HostAccess? {
        hostAccess.filter { $0.covers(path: path) }.max { lhs, rhs in lhs.declaredPathLength < rhs.declaredPathLength }
    }

    /// The declared host access for the host namespace `namespace`.
    public func hostAccess(for namespace: HostAccess.Namespace) -> HostAccess? {
        hostAccess.first { $0.kind == .namespace(namespace) }
    }
}

extension ImageProfile.HostAccess {
    fileprivate var declaredPathLength: Int {
        if case .path(let declared, _) = kind { return declared.count }
        return 0
    }
}
