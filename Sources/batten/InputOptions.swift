import ArgumentParser
import Batten

/// Paths and the Compose project flags shared by every command that reads manifests.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files, directories (searched for *.yml / *.yaml) or - for standard input.")
    var paths: [String] = []

    @Option(name: [.customShort("f"), .customLong("file")], help: "Compose file; repeat to merge several, as docker compose -f.")
    var files: [String] = []

    @Option(name: .customLong("project-directory"), help: "Compose project directory (default: the first file's directory).")
    var projectDirectory: String?

    @Option(name: .customLong("env-file"), help: "Compose environment file (default: .env in the project directory).")
    var envFiles: [String] = []

    @Option(name: .customLong("profile"), help: "Compose profile to enable; repeatable.")
    var profiles: [String] = []

    @Option(name: [.customShort("p"), .customLong("project-name")], help: "Compose project name.")
    var projectName: String?

    @Option(name: .customLong("stdin-name"), help: "The file name standard input gets in reports.")
    var stdinName: String = "-"

    @Option(
        name: [.customShort("j"), .customLong("jobs")], help: "Files and workloads analysed at once (default: one per core). The output does not depend on it.")
    var jobs: Int = AnalysisRequest.defaultJobs

    @Option(
        name: .customLong("kustomize-command"),
        help:
            "Renders kustomization directories: kubectl (kubectl kustomize) or kustomize (kustomize build), or a path to either (default: whichever is on PATH, kubectl first)."
    )
    var kustomizeCommand: String?

    mutating func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    var request: AnalysisRequest {
        var request = AnalysisRequest(
            paths: paths,
            compose: ComposeProjectOptions(
                files: files, projectDirectory: projectDirectory, envFiles: envFiles, profiles: profiles,
                projectName: projectName),
            stdinName: stdinName, jobs: jobs)
        request.kustomize = KustomizeOptions(command: kustomizeCommand)
        return request
    }
}
