/// Lexical paths for generated files: no file system access.
enum OverridePaths {
    /// The path of `target` relative to the directory `directory` (both absolute).
    static func relative(from directory: String, to target: String) -> String {
        let from = ComposePaths.clean(directory).split(separator: "/")
        let to = ComposePaths.clean(target).split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// True when `path` is `directory` or lies below it (both absolute).
    static func isInside(_ path: String, _ directory: String) -> Bool {
        let base = ComposePaths.clean(directory)
        let cleaned = ComposePaths.clean(path)
        return cleaned == base || cleaned.hasPrefix(base == "/" ? "/" : base + "/")
    }

    /// The deepest directory that holds every path (absolute).
    static func commonDirectory(_ paths: [String]) -> String {
        guard let first = paths.first else { return "/" }
        var common = ComposePaths.directory(of: ComposePaths.clean(first)).split(separator: "/")
        for path in paths.dropFirst() {
            let parts = ComposePaths.directory(of: ComposePaths.clean(path)).split(separator: "/")
            var count = 0
            while count < common.count, count < parts.count, common[count] == parts[count] { count += 1 }
            common = Array(common.prefix(count))
        }
        return "/" + common.joined(separator: "/")
    }

    /// A file name made of lower-case letters, digits, `-` and `.`.
    static func slug(_ parts: [String]) -> String {
        let joined = parts.filter { !$0.isEmpty }.joined(separator: "-").lowercased()
        var result = ""
        for scalar in joined.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasPrefix("-") || result.hasPrefix(".") { result.removeFirst() }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "workload" : result
    }
}
