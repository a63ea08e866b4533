/// Which files make a Compose project, as `docker compose` finds them.
public enum ComposeDiscovery {
    /// The file names `docker compose` looks for, in order; the first one found is the project file.
    public static let defaultFileNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]

    /// The override file names for a project file name (`compose.yaml` → `compose.override.yaml`, `compose.override.yml`).
    public static func overrideNames(for fileName: String) -> [String] {
        let stem = fileName.hasPrefix("docker-compose.") ? "docker-compose" : "compose"
        return ["\(stem).override.yaml", "\(stem).override.yml"]
    }

    /// Groups Compose files found by a directory walk into projects: per directory, the default
    /// project (project file + its override), and one project per other Compose file of that
    /// directory named like one (`compose.prod.yaml`) given after the project file, the way such
    /// files are used. Other files each make a project of their own.
    public static func group(walkedFiles: [String]) -> [ComposeProjectOptions] {
        var byDirectory: [String: [String]] = [:]
        var order: [String] = []
        for path in walkedFiles {
            let directory = directoryName(path)
            if byDirectory[directory] == nil { order.append(directory) }
            byDirectory[directory, default: []].append(path)
        }
        var projects: [ComposeProjectOptions] = []
        for directory in order {
            let files = byDirectory[directory] ?? []
            let names = files.map(fileName)
            guard let base = defaultFileNames.first(where: names.contains),
                  let basePath = files.first(where: { fileName($0) == base }) else {
                projects += files.map { ComposeProjectOptions(files: [$0]) }
                continue
            }
            let overrides = overrideNames(for: base)
            let overridePath = files.first { overrides.contains(fileName($0)) }
            projects.append(ComposeProjectOptions(files: [basePath] + (overridePath.map { [$0] } ?? [])))
            for path in files where path != basePath && path != overridePath {
                let name = fileName(path)
                if defaultFileNames.contains(name) || name.contains(".override.") { continue }
                if FormatDetection.isComposeFileName(path) {
                    projects.append(ComposeProjectOptions(files: [basePath, path]))
                } else {
                    projects.append(ComposeProjectOptions(files: [path]))
                }
            }
        }
        return projects
    }

    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
