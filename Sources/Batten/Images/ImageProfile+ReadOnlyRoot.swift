extension ImageProfile {
    /// Whether the image can start with a read-only root filesystem at all, when mounts at its
    /// `writable` paths are not enough: the Nextcloud image writes into PHP's `conf.d`, next to the
    /// image's own ini files; linuxserver.io images rewrite `/etc/passwd` unless `LSIO_READ_ONLY_FS` is
    /// set. Read by `writable-root-filesystem`, whose fix is then a decision with this reason. Nil in a
    /// profile means the `writable` mounts are enough.
    public struct ReadOnlyRoot: Sendable, Hashable {
        /// What the image needs for a read-only root.
        public enum Support: Sendable, Hashable {
            /// No setting makes it work: the image writes where no mount can go.
            case unsupported
            /// It works when the service has one of these settings (`LSIO_READ_ONLY_FS=true`).
            case requires([Condition])
        }

        public var support: Support
        /// What the image writes outside its `writable` paths, and what the settings change.
        public var reason: String

        public init(support: Support, reason: String) {
            self.support = support
            self.reason = reason
        }

        /// The settings of which the service needs one; empty when no setting is enough.
        public var requires: [Condition] {
            if case .requires(let conditions) = support { return conditions }
            return []
        }
    }
}
