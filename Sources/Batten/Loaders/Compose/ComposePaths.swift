/// Lexical path handling for Compose projects: joining, cleaning, `~` expansion and the tests Compose
/// uses to tell a host path from a volume name. No file system access.
enum ComposePaths {
    /// True for an absolute POSIX path.
    static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }

    /// True for `C:\…`, `C:/…` and `\\server\share` paths, which Compose leaves untouched.
    static func isWindowsPath(_ path: String) -> Bool {
        if path.hasPrefix("\\\\") { return true }
        let scalars = Array(path.unicodeScalars.prefix(3))
        guard scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic else { return false }
        return scalars.count == 2 || scalars[2] == "\\" || scalars[2] == "/"
    }

    /// The directory part of a path (`.` when there is none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(ofASCII: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of a path.
    static func fileName(_ path: String) -> String {
        path.lastPathSegment
    }

    /// `path` joined onto `base` and cleaned when relative; absolute and Windows paths are returned as
    /// they are, as Compose does.
    static func resolve(_ path: String, against base: String) -> String {
        if isWindowsPath(path) || isAbsolute(path) { return path }
        return clean(base + "/" + path)
    }

    /// Joins a relative path onto a directory for display, keeping relative paths relative
    /// (`sub/compose.yaml` + `../x.yaml` → `x.yaml`).
    static func join(_ directory: String, _ path: String) -> String {
        if isAbsolute(path) || isWindowsPath(path) { return clean(path) }
        if directory == "." || directory.isEmpty { return clean(path) }
        return clean(directory + "/" + path)
    }

    /// Removes `.` components, empty components and `..` where possible, like Go's `filepath.Clean`.
    static func clean(_ path: String) -> String {
        isClean(path) ? path : cleaned(path)
    }

    /// ``clean(_:)`` without the check for a path that is clean already.
    static func cleaned(_ path: String) -> String {
        guard !path.isEmpty else { return "." }
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(onASCII: "/") {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// True when ``clean(_:)`` would return `path` as it is: not empty, no empty, `.` or `..`
    /// segment, no trailing `/` (but `/` itself).
    static func isClean(_ path: String) -> Bool {
        path.withUTF8Bytes { bytes in
            var segmentLength = 0
            var dots = 0
            for (position, byte) in bytes.enumerated() {
                if byte == UInt8(ascii: "/") {
                    // An empty segment is fine only before the leading slash.
                    if segmentLength == 0, position > 0 { return false }
                    if segmentLength > 0, dots == segmentLength, dots <= 2 { return false }
                    segmentLength = 0
                    dots = 0
                } else {
                    segmentLength += 1
                    if byte == UInt8(ascii: ".") { dots += 1 }
                }
            }
            if bytes.count == 1, segmentLength == 0 { return true }
            return segmentLength > 0 && !(dots == segmentLength && dots <= 2)
        }
    }

    /// Expands a leading `~` or `~/` with `home`.
    static func expandHome(_ path: String, home: String?) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    /// True when a short-syntax volume source names a host path rather than a volume: it starts with
    /// `.`, `/` or `~`, or is a Windows path.
    static func isHostPathSource(_ source: String) -> Bool {
        guard let first = source.first else { return false }
        if first == "." || first == "/" || first == "~" { return true }
        return isWindowsPath(source)
    }

    /// True for build contexts that are not local directories (Git URLs and remote archives).
    static func isRemoteContext(_ context: String) -> Bool {
        let lowered = context.lowercased()
        return lowered.contains("://") || lowered.hasPrefix("git@") || lowered.hasPrefix("github.com/")
    }
}
