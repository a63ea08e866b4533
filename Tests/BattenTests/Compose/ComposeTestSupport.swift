import Batten
import BattenYAML
import Foundation
import Testing

/// A Compose project written to a fresh temporary directory, loaded with a fixed environment.
struct ComposeTestProject {
    let directory: String

    /// Writes `files` (relative path → content) to a new temporary directory.
    init(_ files: [String: String]) throws {
        directory = try TemporaryDirectory.make("compose").path
        for (path, content) in files {
            try write(path, content)
        }
    }

    func write(_ path: String, _ content: String) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Loads the project with `files` as `-f` files (default discovery when empty), from the project directory.
    func load(
        _ files: [String] = ["compose.yaml"], profiles: [String] = [], envFiles: [String] = [],
        projectName: String? = nil, projectDirectory: String? = nil, environment: [String: String] = [:],
        preloaded: [String: YAMLStream] = [:], workingDirectory: String? = nil
    ) -> ComposeLoadResult {
        let options = ComposeProjectOptions(
            files: files, projectDirectory: projectDirectory, envFiles: envFiles, profiles: profiles,
            projectName: projectName)
        return ComposeProjectLoader(
            options: options, environment: environment, workingDirectory: workingDirectory ?? directory
        ).load(preloaded: preloaded)
    }

    /// Writes one `compose.yaml`, loads it and removes the directory.
    static func loadSingle(_ text: String, environment: [String: String] = [:]) throws -> ComposeLoadResult {
        let project = try ComposeTestProject(["compose.yaml": text])
        defer { project.remove() }
        return project.load(environment: environment)
    }
}

extension ComposeLoadResult {
    func workload(_ name: String) throws -> Workload {
        try #require(workloads.first { $0.name == name }, "no service \(name); have \(workloads.map(\.name))")
    }

    func container(_ name: String) throws -> Container {
        try #require(try workload(name).containers.first)
    }

    var errors: [Diagnostic] { diagnostics.filter { $0.level == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.level == .warning } }

    /// The `batten config` JSON of the project.
    var configJSON: JSONValue { ComposeConfigJSON.render(self) }

    /// The rendered service `name` of `batten config`.
    func renderedService(_ name: String) -> JSONValue? {
        configJSON["services"]?[name]
    }
}

extension NodeRef {
    /// `file:line:column` with the file's last path component, for compact expectations.
    var shortLocation: String {
        "\(ComposePathsForTests.fileName(path)):\(start.line):\(start.column)"
    }
}

extension Diagnostic {
    var shortLocation: String {
        guard let position else { return ComposePathsForTests.fileName(path) }
        return "\(ComposePathsForTests.fileName(path)):\(position.line):\(position.column)"
    }
}

extension JSONValue {
    var composeText: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var composeItems: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var composeKeys: [String] {
        if case .object(let members) = self { return members.map(\.0) }
        return []
    }
}

enum ComposePathsForTests {
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
