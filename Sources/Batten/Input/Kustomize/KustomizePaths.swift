import Foundation

/// Path arithmetic for kustomize input: the annotations name files relative to the directory that
/// was built, reports name them the way the user named the kustomization.
enum KustomizePaths {
    /// `path` without `.` components and with `name/..` pairs folded, lexically (no file system access).
    static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `relative` joined to `directory`, normalized; an absolute `relative` is returned normalized.
    static func join(_ directory: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalized(relative) }
        return normalized(directory + "/" + relative)
    }

    /// The absolute path of `path` with symbolic links resolved.
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The relative path from directory `from` to `to`, both absolute and normalized.
    static func relative(from: String, to: String) -> String {
        let source = from.split(separator: "/")
        let target = to.split(separator: "/")
        var common = 0
        while common < source.count, common < target.count, source[common] == target[common] { common += 1 }
        let ups = Array(repeating: "..", count: source.count - common)
        let rest = target[common...].map(String.init)
        let parts = ups + rest
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The directory part of a path (`.` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
