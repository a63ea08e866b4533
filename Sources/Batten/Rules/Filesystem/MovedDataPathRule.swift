import BattenYAML

/// A Compose service that mounts a volume, bind or tmpfs at a path its image no longer uses: the
/// image's profile lists the path under `moved-paths` (the postgres 18 image refuses to start with a
/// mount at `/var/lib/postgresql/data`). A setting the profile names in `unless` (`PGDATA`) keeps
/// the old path working, and then nothing is reported.
///
/// The fix moves the mount's target to the new path, as one `.replaceItem` of the `volumes` (or
/// `tmpfs`) item (``SequenceItemReplacement``). A tmpfs holds nothing across starts, so moving it is
/// `known` from the profile; a volume or host directory may hold data an older release wrote, which
/// the new release cannot open however it is mounted, so moving it is a `decision` whose reason says
/// how to migrate the data. When the service already mounts something at the new path, there is no
/// fix: which of the two mounts holds the data is the user's call.
public struct MovedDataPathRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "moved-data-path",
        title: "Mount at a path the image no longer uses",
        rationale: """
            Some images move their data directory between major versions. From PostgreSQL 18 the postgres image \
            keeps its cluster in /var/lib/postgresql/18/docker and declares its volume at /var/lib/postgresql; its \
            entrypoint stops with an error when /var/lib/postgresql/data is a mount point, so a Compose file written \
            for an older tag (or for `postgres:latest` before 18) no longer starts. What moved, since which version \
            and which settings keep the old path working come from the image's profile (`moved-paths`).
            """,
        remediation: """
            Mount the volume at the path the image uses now. A volume that holds data of an older release must be \
            migrated first (for PostgreSQL: pg_upgrade, or a dump from the old image restored into the new one); \
            or keep the old tag until it is.
            """,
        severity: .high,
        family: .filesystem,
        references: [
            .url("https://hub.docker.com/_/postgres"),
            .url("https://github.com/docker-library/postgres/pull/1259"),
        ],
        formats: [.compose],
        fixKinds: [.known, .decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  db:
                    image: postgres:18.1
                    volumes:
                      - ↓pgdata:/var/lib/postgresql/data
                volumes:
                  pgdata: {}
                """,
                corrected: """
                    services:
                      db:
                        image: postgres:18.1
                        volumes:
                          - pgdata:/var/lib/postgresql
                    volumes:
                      pgdata: {}
                    """,
                note: """
                    the postgres-18 image profile: the entrypoint refuses to start with a mount at the old path; the \
                    named volume may hold a cluster of an older major version, so moving it is a decision whose reason \
                    says how to upgrade the data
                    """),
            .triggering(
                .compose,
                """
                services:
                  test-db:
                    image: postgres:18-alpine
                    tmpfs:
                      - ↓/var/lib/postgresql/data
                """,
                corrected: """
                    services:
                      test-db:
                        image: postgres:18-alpine
                        tmpfs:
                          - /var/lib/postgresql
                    """, note: "a tmpfs holds nothing across starts: moving it is known from the profile"),
            .triggering(
                .compose,
                """
                services:
                  db:
                    image: postgres
                    volumes:
                      - ↓type: volume
                        source: pgdata
                        target: /var/lib/postgresql/data
                volumes:
                  pgdata: {}
                """,
                corrected: """
                    services:
                      db:
                        image: postgres
                        volumes:
                          - type: volume
                            source: pgdata
                            target: /var/lib/postgresql
                    volumes:
                      pgdata: {}
                    """, note: "a tag that names no version is the newest release, 18 or later"),
            .passing(
                .compose,
                """
                services:
                  db:
                    image: postgres:17.6
                    volumes:
                      - pgdata:/var/lib/postgresql/data
                volumes:
                  pgdata: {}
                """, note: "up to 17 the image keeps its data at /var/lib/postgresql/data"),
            .passing(
                .compose,
                """
                services:
                  db:
                    image: postgres:18.1
                    environment:
                      PGDATA: /var/lib/postgresql/data/pgdata
                    volumes:
                      - pgdata:/var/lib/postgresql/data
                volumes:
                  pgdata: {}
                """, note: "a PGDATA of your own skips the entrypoint's check"),
            .passing(
                .compose,
                """
                services:
                  db:
                    image: postgres:18.1
                    volumes:
                      - pgdata:/var/lib/postgresql
                volumes:
                  pgdata: {}
                """),
        ])

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard let match = context.imageProfile(for: workload),
            !match.profile.movedPaths.isEmpty, let container = workload.containers.first
        else { return [] }
        let conditions = ServiceConditions(container, workload: workload)
        var findings: [Finding] = []
        for moved in match.profile.movedPaths where !moved.unless.contains(where: conditions.holds) {
            let mounted = Set(container.mounts.map { Self.normalized($0.target) } + container.tmpfs.map { Self.tmpfsTarget($0.value) })
            let blocked = mounted.contains(moved.to)
            for mount in container.mounts where Self.normalized(mount.target) == moved.path {
                let what = mount.kind == .tmpfs ? "a tmpfs" : mount.source.map { "\(mount.kind.name) \($0)" } ?? "an anonymous volume"
                let replacement = blocked ? nil : Self.movedItem(SequenceItemReplacement.writtenValue(mount.node), from: moved.path, to: moved.to)
                findings.append(
                    finding(
                        what: what, kind: mount.kind == .tmpfs ? .known : .decision, key: "volumes", node: mount.node,
                        replacement: replacement, moved: moved, blocked: blocked, match: match, workload: workload, container: container,
                        context: context))
            }
            for entry in container.tmpfs where Self.tmpfsTarget(entry.value) == moved.path {
                let replacement = blocked ? nil : Self.movedItem(SequenceItemReplacement.writtenValue(entry.node), from: moved.path, to: moved.to)
                findings.append(
                    finding(
                        what: "a tmpfs", kind: .known, key: "tmpfs", node: entry.node, replacement: replacement, moved: moved,
                        blocked: blocked, match: match, workload: workload, container: container, context: context))
            }
        }
        return findings
    }

    private func finding(
        what: String, kind: FixKind, key: String, node: NodeRef, replacement: YAMLValue?, moved: ImageProfile.MovedPath,
        blocked: Bool, match: ImageProfileMatch, workload: Workload, container: Container, context: RuleContext
    ) -> Finding {
        let who = FindingTarget(workload, container: container).displayName
        var message =
            "\(who) mounts \(what) at \(moved.path), which \(match.image) (\(match.phrase), from \(moved.since) on) "
            + "no longer uses: \(moved.reason)"
        if blocked {
            message += " It mounts \(moved.to) as well: drop the mount at \(moved.path) once its data is migrated."
        } else {
            message += " Mount it at \(moved.to)."
        }
        let fix = replacement.map { replacement in
            Fix(
                title: "Mount \(what) at \(moved.to) instead of \(moved.path)", kind: kind,
                changes: SequenceItemReplacement.changes(key: key, item: node, replacement: replacement, service: workload.node),
                reason: kind == .known
                    ? "\(match.phrase); a tmpfs holds no data to migrate"
                    : (moved.migration ?? "\(match.phrase); the mount may hold data an older release wrote"))
        }
        return context.finding(message, at: node, in: workload, container: container, setting: "\(key)[\(moved.path)]", fix: fix)
    }

    /// A container path without a trailing `/`.
    static func normalized(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The path of a Compose `tmpfs` item (`/run:size=64m` → `/run`).
    static func tmpfsTarget(_ item: String) -> String {
        normalized(String(item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""))
    }

    /// The `volumes` or `tmpfs` item with its target `from` replaced by `to`: the `target` of the
    /// long syntax, or the one `:`-separated part of the short syntax that is `from`. Nil when the
    /// item names the path in another way (through a variable, or more than once).
    static func movedItem(_ item: YAMLValue, from: String, to: String) -> YAMLValue? {
        if let entries = item.entries {
            guard let target = entries.first(where: { $0.key.scalarText == "target" })?.value.scalarText,
                normalized(target) == from
            else { return nil }
            return SequenceItemReplacement.setting("target", to: .string(to), in: item)
        }
        guard let text = item.scalarText else { return nil }
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let indices = parts.indices.filter { normalized(parts[$0]) == from }
        guard indices.count == 1, let index = indices.first else { return nil }
        parts[index] = to
        return YAMLValue(.scalar(parts.joined(separator: ":"), .string), tag: item.tag)
    }
}
