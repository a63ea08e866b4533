/// Gives the findings of one analysis their ``FindingIdentity``: a Compose finding's unit is the
/// first file of the project that holds the file it is located in, so that an edit that moves a
/// finding from one file of a project to another keeps its identity, while projects that share a
/// directory, and so their workload ids, stay apart.
struct FindingIdentifier: Sendable {
    /// The unit of each file of a Compose project: the project's first file.
    private let unitOfFile: [String: String]

    /// Units from the Compose projects of an analysis.
    init(projects: [ComposeLoadResult]) {
        var units: [String: String] = [:]
        for project in projects {
            guard let first = project.files.first else { continue }
            for file in project.files where units[file] == nil { units[file] = first }
        }
        unitOfFile = units
    }

    /// Units from the Compose projects of `result` (empty when the analysis did not keep them).
    init(_ result: AnalysisResult) {
        self.init(projects: result.loaded.composeProjects)
    }

    /// For findings of one Compose project or of Kubernetes files, where the workload id is enough:
    /// every unit is empty.
    static let withinOneUnit = FindingIdentifier(projects: [])

    /// The identity of `finding`. A Compose finding located outside the project's files (an
    /// `env_file`, a Dockerfile) takes its file as its unit.
    func callAsFunction(_ finding: Finding) -> FindingIdentity {
        guard finding.target.format == .compose, !unitOfFile.isEmpty else { return FindingIdentity(finding, unit: "") }
        let path = finding.location.path
        return FindingIdentity(finding, unit: unitOfFile[path] ?? path)
    }
}
