/// Compose project names: `-p`, else `COMPOSE_PROJECT_NAME`, else the last non-empty `name:` of the
/// files (normalized), else the project directory's name (normalized).
enum ComposeProjectName {
    /// Lower case, only `[a-z0-9_-]`, no leading `_` or `-`, as Compose normalizes names.
    static func normalize(_ name: String) -> String {
        let kept = name.lowercased().unicodeScalars.filter { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
        var result = String(String.UnicodeScalarView(kept))
        while let first = result.first, first == "_" || first == "-" { result.removeFirst() }
        return result
    }

    /// True when `name` is already normalized (names given with `-p` or the environment must be).
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && normalize(name) == name
    }
}
