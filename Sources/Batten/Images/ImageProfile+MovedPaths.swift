extension ImageProfile {
    /// A path where older releases of the image kept something and this one no longer does: from
    /// PostgreSQL 18 the postgres image keeps its cluster below `/var/lib/postgresql` and refuses to
    /// start with a mount at the old `/var/lib/postgresql/data`. Read by `moved-data-path`, which
    /// reports a mount at `path` and moves it to `to`.
    public struct MovedPath: Sendable, Hashable {
        /// The old container path (`/var/lib/postgresql/data`).
        public var path: String
        /// Where the mount belongs now (`/var/lib/postgresql`).
        public var to: String
        /// The first release that moved it, as written (`18`), for messages.
        public var since: String
        /// Settings with which a mount at `path` still works (`PGDATA` pointing the image there).
        public var unless: [Condition]
        /// What the image does with a mount at `path`.
        public var reason: String
        /// What to do when the mount holds data an older release wrote (`pg_upgrade`, or a dump and
        /// restore); nil when the path holds no data.
        public var migration: String?

        public init(path: String, to: String, since: String, unless: [Condition] = [], reason: String, migration: String? = nil) {
            self.path = path
            self.to = to
            self.since = since
            self.unless = unless
            self.reason = reason
            self.migration = migration
        }
    }
}
