import BattenYAML
import Foundation

/// Top-level `include`: each entry (a path, or `{path, project_directory, env_file}`) is loaded as a
/// project of its own — its files merged, its relative paths resolved against its project directory
/// (the first file's directory unless `project_directory` says otherwise), its variables from the
/// including project's environment and then its own `.env` / `env_file` — and its services and
/// resources are added to the including file. Paths are relative to the including file.
struct ComposeInclude {
    /// One loaded `include` entry.
    struct Loaded {
        var model: ComposeProjectModel
        /// The `include` item, where conflicts are reported.
        var node: NodeRef?
        var files: [String]
    }

    let environment: [String: String]
    /// Absolute paths of the files that include the one being read, outermost first.
    let includeStack: [String]

    func load(_ include: SourcedTree, includingFile: String, state: inout ComposeLoadState) -> [Loaded] {
        guard case .sequence(let items, _) = include else {
            if let node = include.node, !include.isNull {
                state.diagnostics.append(Diagnostic(.error, at: node, "include must be a list, not \(include.kindDescription)"))
            }
            return []
        }
        let baseDirectory = ComposePaths.directory(of: includingFile)
        var result: [Loaded] = []
        for item in items {
            guard let entry = parse(item, state: &state), let first = entry.paths.first else { continue }
            let displayPaths = entry.paths.map { ComposePaths.join(baseDirectory, $0.value) }
            let absolutePaths = displayPaths.map(state.absolute)
            if let missing = zip(entry.paths, absolutePaths).first(where: { !FileManager.default.fileExists(atPath: $0.1) }) {
                state.diagnostics.append(
                    Diagnostic(
                        .error, at: missing.0.node, "cannot read included file \(missing.0.value): no such file or directory"))
                continue
            }
            if let repeated = absolutePaths.first(where: includeStack.contains) {
                let chain = (includeStack + [repeated]).map { ComposePaths.fileName($0) }.joined(separator: " includes ")
                state.diagnostics.append(Diagnostic(.error, at: first.node, "include cycle: \(chain)"))
                continue
            }
            let projectDirectory: String
            if let directory = entry.projectDirectory {
                projectDirectory = ComposePaths.resolve(directory.value, against: state.absolute(baseDirectory))
            } else {
                projectDirectory = ComposePaths.directory(of: absolutePaths[0])
            }
            var environment = self.environment
            for (key, value) in envFileValues(entry, baseDirectory: baseDirectory, projectDirectory: projectDirectory, state: &state)
            where environment[key] == nil {
                environment[key] = value
            }
            let assembler = ComposeProjectAssembler(
                environment: environment, projectDirectory: projectDirectory,
                includeStack: includeStack + [absolutePaths[0]])
            let model = assembler.assemble(files: displayPaths, state: &state)
            result.append(Loaded(model: model, node: item.node, files: displayPaths))
        }
        return result
    }

    private struct Entry {
        var paths: [Sourced<String>] = []
        var projectDirectory: Sourced<String>?
        var envFiles: [Sourced<String>] = []
    }

    private func parse(_ item: SourcedTree, state: inout ComposeLoadState) -> Entry? {
        var entry = Entry()
        switch item {
        case .scalar:
            if let text = item.text, let node = item.node { entry.paths = [Sourced(text, node)] }
        case .mapping:
            entry.paths = strings(item["path"])
            if let directory = item["project_directory"], let text = directory.text, let node = directory.node {
                entry.projectDirectory = Sourced(text, node)
            }
            entry.envFiles = strings(item["env_file"])
        case .sequence:
            break
        }
        guard !entry.paths.isEmpty else {
            if let node = item.node {
                state.diagnostics.append(Diagnostic(.error, at: node, "an include entry needs a path"))
            }
            return nil
        }
        return entry
    }

    private func strings(_ value: SourcedTree?) -> [Sourced<String>] {
        guard let value else { return [] }
        if let text = value.text, let node = value.node { return [Sourced(text, node)] }
        return (value.items ?? []).compactMap { item in
            guard let text = item.text, let node = item.node else { return nil }
            return Sourced(text, node)
        }
    }

    /// The variables of the entry's `env_file`s (relative to the including file), or of the `.env` in
    /// its project directory.
    private func envFileValues(
        _ entry: Entry, baseDirectory: String, projectDirectory: String, state: inout ComposeLoadState
    ) -> [String: String] {
        var files: [(display: String, absolute: String, node: NodeRef?)] = []
        if entry.envFiles.isEmpty {
            let path = projectDirectory + "/.env"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append((path, path, nil))
            }
        } else {
            for file in entry.envFiles where file.value != "/dev/null" {
                let display = ComposePaths.join(baseDirectory, file.value)
                files.append((display, state.absolute(display), file.node))
            }
        }
        var values: [String: String] = [:]
        for file in files {
            guard
                let loaded = ComposeEnvironment.readEnvFile(
                    display: file.display, absolute: file.absolute, reference: file.node,
                    lookup: { environment[$0] ?? values[$0] }, state: &state)
            else { continue }
            for (key, value) in loaded { values[key] = value }
        }
        return values
    }
}
