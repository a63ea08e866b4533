import CBuildInfo

/// Batten's version, printed by `batten --version` and written into reports.
public enum BattenVersion {
    public static let current = "0.1.0"

    /// The commit this binary was built from, when the build was given one (`Scripts/release.sh`
    /// does); nil for a plain `swift build`.
    public static var commit: String? {
        let commit = String(cString: batten_build_commit())
        return commit.isEmpty ? nil : commit
    }

    /// What `batten --version` prints: the version and the commit, e.g. `0.1.0 (commit 1a2b3c4d5e6f)`,
    /// or `0.1.0 (unknown commit)` for a build that was not given one.
    public static var described: String {
        "\(current) (\(commit.map { "commit \($0)" } ?? "unknown commit"))"
    }
}
