/// A piece of the input that is parsed, loaded and audited on its own: what one thread works on,
/// and what the findings of a report are grouped by.
///
/// A Kubernetes file depends on no other file (but for the ServiceAccounts, gathered beforehand by
/// ``ServiceAccountScan``), and the Compose files of one directory make their projects together; so
/// once a unit is done, its parsed files can go.
enum AnalysisUnit: Sendable {
    /// One file: a Kubernetes manifest, a Compose file of its own, or something to skip. With
    /// `loadsCompose` false (when `-f` names the project), a Compose file here is not loaded.
    case file(InputFile, loadsCompose: Bool)
    /// The Compose-named files a walk found in one directory: the default project and its variants
    /// (``ComposeDiscovery/group(walkedFiles:)``). A file among them that turns out to be a
    /// Kubernetes manifest is loaded as one.
    case composeDirectory([InputFile])
    /// The project `-f` (or `--project-directory` discovery) names; `standardInput` is `-f -`.
    case composeProject(ComposeProjectOptions, standardInput: InputFile?)
    /// A kustomization, rendered with the kustomize tool and audited as the cluster gets it.
    case kustomization(KustomizeDirectory)

    /// The path that places the unit in the report: units are ordered by it, the way findings are
    /// ordered by file.
    var primaryPath: String {
        switch self {
        case .file(let file, _): return file.path
        case .composeDirectory(let files): return files.first?.path ?? ""
        case .composeProject(let options, let standardInput): return options.files.first ?? standardInput?.path ?? ""
        case .kustomization(let directory): return directory.kustomizationPath
        }
    }

    /// Bytes of input, to start the largest units first.
    var weight: Int {
        switch self {
        case .file(let file, _): return file.source.bytes.count
        case .composeDirectory(let files): return files.reduce(0) { $0 + $1.source.bytes.count }
        case .composeProject(_, let standardInput): return standardInput?.source.bytes.count ?? 0
        case .kustomization: return 1 << 20
        }
    }

    /// The units for the collected files, in report order. Each path is analysed once, the first
    /// time it was collected. The Compose-named files a walk found are grouped per directory; with
    /// `-f` (or discovery in `--project-directory`), `project` is a unit and standard input belongs
    /// to it when `-f -` asks for it.
    static func plan(
        files: [InputFile], project: ComposeProjectOptions?, composeStandardInput: Bool, kustomizations: [KustomizeDirectory] = []
    ) -> [AnalysisUnit] {
        var seen = Set<String>()
        var units: [AnalysisUnit] = []
        var directories: [String: [InputFile]] = [:]
        var directoryOrder: [String] = []
        var projectInput: InputFile?
        for file in files where seen.insert(file.path).inserted {
            if composeStandardInput && file.origin == .stdin {
                projectInput = file
            } else if project == nil && file.origin == .walked && FormatDetection.isComposeFileName(file.path) {
                let directory = ComposePaths.directory(of: file.path)
                if directories[directory] == nil { directoryOrder.append(directory) }
                directories[directory, default: []].append(file)
            } else {
                units.append(.file(file, loadsCompose: project == nil))
            }
        }
        units += directoryOrder.map { .composeDirectory(directories[$0] ?? []) }
        if let project { units.append(.composeProject(project, standardInput: projectInput)) }
        units += kustomizations.map { .kustomization($0) }
        return units.enumerated().sorted { lhs, rhs in
            let left = lhs.element.primaryPath
            let right = rhs.element.primaryPath
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
