import Foundation

/// The program that renders a kustomization: `kubectl kustomize DIR` or `kustomize build DIR`.
public struct KustomizeTool: Sendable, Hashable {
    /// The executable's path.
    public var executable: String
    /// The arguments before the directory: `["kustomize"]` for kubectl, `["build"]` for kustomize.
    public var arguments: [String]

    public init(executable: String, arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// The command as a person would type it, for messages.
    public var displayName: String { ([executable] + arguments).joined(separator: " ") }

    /// The tool to use: `command` when given (`kubectl`, `kustomize`, or a path to either), else
    /// `kubectl` on `PATH`, else `kustomize`. Nil when none is found; ``missingMessage(command:)``
    /// says so.
    public static func find(command: String?, environment: [String: String]) -> KustomizeTool? {
        let candidates = command.map { [$0] } ?? ["kubectl", "kustomize"]
        for candidate in candidates {
            guard let executable = locate(candidate, path: environment["PATH"] ?? "") else { continue }
            let name = (candidate as NSString).lastPathComponent
            return KustomizeTool(executable: executable, arguments: name.hasPrefix("kubectl") ? ["kustomize"] : ["build"])
        }
        return nil
    }

    /// Why no tool could be found.
    public static func missingMessage(command: String?) -> String {
        if let command { return "cannot render the kustomization: \(command) (--kustomize-command) was not found or is not executable" }
        return
            "cannot render the kustomization: neither kubectl (kubectl kustomize) nor kustomize (kustomize build) is on PATH; install one or name it with --kustomize-command"
    }

    /// The executable file `name` names: itself when it holds a slash, else the first match on `path`.
    static func locate(_ name: String, path: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = String(directory) + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }
}
