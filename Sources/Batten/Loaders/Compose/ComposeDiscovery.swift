import Foundation

/// Which files make a Compose project, as `docker compose` finds them.
public enum ComposeDiscovery {
    /// The file names `docker compose` looks for, in its order of preference; the first one found is
    /// the project file (Docker Compose v2 prefers `docker-compose.yml` to `docker-compose.yaml`).
    public static let defaultFileNames = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]

    /// The override file names, in order of preference. Compose takes the first one present next to
    /// the project file, whatever the project file's own name.
    public static let defaultOverrideNames = [
        "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml",
    ]

    /// The override file names that may accompany a project file (the same list for every name).
    public static func overrideNames(for fileName: String) -> [String] {
        defaultOverrideNames
    }

    /// Default discovery: the project file and its override in `directory` (absolute), else in the
    /// nearest parent directory that has one. Returns absolute paths; empty when no directory up to the
    /// root has a project file.
    public static func defaultFiles(in directory: String) -> [String] {
        var current = ComposePaths.clean(directory)
        while true {
            let prefix = current == "/" ? "/" : current + "/"
            if let file = defaultFileNames.first(where: { isFile(prefix + $0) }) {
                var files = [prefix + file]
                if let override = defaultOverrideNames.first(where: { isFile(prefix + $0) }) {
                    files.append(prefix + override)
                }
                return files
            }
            let parent = ComposePaths.directory(of: current)
            if parent == current || current == "/" || current == "." { return [] }
            current = parent
        }
    }

    /// Project files of every name present in `directory` (Compose warns when there is more than one).
    public static func candidates(in directory: String) -> [String] {
        defaultFileNames.filter { isFile(directory + "/" + $0) }
    }

    /// Override files of every name present in `directory`.
    public static func overrideCandidates(in directory: String) -> [String] {
        defaultOverrideNames.filter { isFile(directory + "/" + $0) }
    }

    private static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Groups Compose files found by a directory walk into projects: per directory, the default
    /// project (project file + its override), and one project per other Compose file of that
    /// directory named like one (`compose.prod.yaml`) given after the project file, the way such
    /// files are used. Other files each make a project of their own.
    public static func group(walkedFiles: [String]) -> [ComposeProjectOptions] {
        var byDirectory: [String: [String]] = [:]
        var order: [String] = []
        for path in walkedFiles {
            let directory = ComposePaths.directory(of: path)
            if byDirectory[directory] == nil { order.append(directory) }
            byDirectory[directory, default: []].append(path)
        }
        var projects: [ComposeProjectOptions] = []
        for directory in order {
            let files = byDirectory[directory] ?? []
            let names = files.map(ComposePaths.fileName)
            guard let base = defaultFileNames.first(where: names.contains),
                let basePath = files.first(where: { ComposePaths.fileName($0) == base })
            else {
                projects += files.map { ComposeProjectOptions(files: [$0]) }
                continue
            }
            let overridePath = defaultOverrideNames.lazy.compactMap { name in files.first { ComposePaths.fileName($0) == name } }.first
            projects.append(ComposeProjectOptions(files: [basePath] + (overridePath.map { [$0] } ?? [])))
            for path in files where path != basePath && path != overridePath {
                let name = ComposePaths.fileName(path)
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
}
