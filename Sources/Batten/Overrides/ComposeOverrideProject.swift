import Foundation

/// The Compose project an override is made for, as the `-f` files `docker compose` is given: the
/// override goes after them.
///
/// `-f` files are taken as they are. Without them, a directory (the one path given, the project
/// directory, or the working directory) means what it means to `docker compose` there:
/// `COMPOSE_FILE`, else the project file and its `compose.override.yaml`; a single Compose file
/// is a project of its own.
enum ComposeOverrideProject {
    static func options(for request: AnalysisRequest, workingDirectory: String = FileManager.default.currentDirectoryPath)
        -> Result<ComposeProjectOptions, OverrideRefusal>
    {
        var options = request.compose
        if !options.files.isEmpty {
            guard request.paths.isEmpty else {
                return .failure(OverrideRefusal("give either -f files or one project directory, not both"))
            }
            guard !options.files.contains("-") else {
                return .failure(OverrideRefusal("an override is merged with files on disk; standard input cannot be one of them"))
            }
            return .success(options)
        }
        guard request.paths.count <= 1 else {
            return .failure(
                OverrideRefusal(
                    "an override belongs to one Compose project: give its directory, or its files with -f in the order docker compose takes them"))
        }
        let path = request.paths.first ?? options.projectDirectory ?? "."
        guard path != "-" else {
            return .failure(OverrideRefusal("an override is merged with files on disk; standard input cannot be one of them"))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(OverrideRefusal("\(path): no such file or directory"))
        }
        guard isDirectory.boolValue else {
            options.files = [path]
            return .success(options)
        }
        let root = ComposePaths.clean(workingDirectory)
        if request.paths.isEmpty, let variable = request.environment["COMPOSE_FILE"], !variable.isEmpty {
            let separator = request.environment["COMPOSE_PATH_SEPARATOR"].flatMap(\.first) ?? ":"
            options.files = variable.split(separator: separator).map(String.init)
            return .success(options)
        }
        let directory = ComposePaths.resolve(path, against: root)
        let found = ComposeDiscovery.defaultFiles(in: directory)
        guard !found.isEmpty else {
            return .failure(
                OverrideRefusal(
                    "no Compose file in \(path) or a parent directory (looked for \(ComposeDiscovery.defaultFileNames.joined(separator: ", "))); for Kubernetes manifests, use --kustomize DIR"
                ))
        }
        options.files = found.map { ComposeEnvironment.displayPath($0, workingDirectory: root) }
        return .success(options)
    }
}
