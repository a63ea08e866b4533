import BattenYAML
import Foundation

/// Finds and loads the policy of a run: `--policy NAME|PATH`, else a `.batten.yaml` found by walking
/// up from the working directory, else the built-in `production`. Applies `extends` chains
/// (built-in names or paths relative to the extending file) and refuses cycles.
public struct PolicyResolver: Sendable {
    public var parser: PolicyParser

    public init(parser: PolicyParser = PolicyParser()) {
        self.parser = parser
    }

    public struct Result: Sendable {
        public var policy: ResolvedPolicy?
        public var diagnostics: [Diagnostic]
    }

    /// The file name looked for when no policy is named.
    public static let projectPolicyName = ".batten.yaml"

    public func resolve(selection: String?, workingDirectory: String = FileManager.default.currentDirectoryPath) -> Result {
        if let selection {
            return load(selection, relativeTo: workingDirectory, seen: [])
        }
        if let found = Self.findProjectPolicy(from: workingDirectory) {
            return load(found, relativeTo: workingDirectory, seen: [])
        }
        return load(BuiltInPolicies.defaultName, relativeTo: workingDirectory, seen: [])
    }

    /// The nearest `.batten.yaml` in `directory` or one of its parents.
    public static func findProjectPolicy(from directory: String) -> String? {
        var current = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = current.appendingPathComponent(projectPolicyName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    private func load(_ reference: String, relativeTo directory: String, seen: [String]) -> Result {
        let source: SourceFile
        let key: String
        if let builtin = BuiltInPolicies.source(reference) {
            source = builtin
            key = "builtin:\(reference)"
        } else {
            let path = reference.hasPrefix("/") ? reference : URL(fileURLWithPath: directory).appendingPathComponent(reference).standardizedFileURL.path
            let data: [UInt8]
            switch FileReader.disk.contents(of: path, limit: YAMLLimits.default.maxFileSize) {
            case .success(let bytes):
                data = bytes
            case .failure(.missing):
                let names = BuiltInPolicies.names.joined(separator: ", ")
                return Result(
                    policy: nil,
                    diagnostics: [
                        Diagnostic(
                            level: .error, path: reference, position: nil,
                            message: "no such policy: not a file, nor one of the built-in policies \(names)")
                    ])
            case .failure(let failure):
                return Result(
                    policy: nil,
                    diagnostics: [
                        Diagnostic(level: .error, path: reference, position: nil, message: "policy file \(failure.predicate)")
                    ])
            }
            source = SourceFile(path: reference.hasPrefix("/") ? reference : Self.displayPath(path), bytes: data)
            key = path
        }
        if seen.contains(key) {
            return Result(
                policy: nil,
                diagnostics: [
                    Diagnostic(
                        level: .error, path: source.path, position: nil,
                        message: "policy `extends` cycle: " + (seen + [key]).joined(separator: " → "))
                ])
        }
        let parsed = parser.parse(source, origin: key)
        guard let policy = parsed.policy else { return Result(policy: nil, diagnostics: parsed.diagnostics) }
        var base: ResolvedPolicy?
        var diagnostics = parsed.diagnostics
        if let parent = policy.extends {
            let baseDirectory = key.hasPrefix("builtin:") ? directory : URL(fileURLWithPath: key).deletingLastPathComponent().path
            let resolved = load(parent, relativeTo: baseDirectory, seen: seen + [key])
            diagnostics += resolved.diagnostics
            guard let resolvedBase = resolved.policy else { return Result(policy: nil, diagnostics: diagnostics) }
            base = resolvedBase
        }
        var resolved = ResolvedPolicy.applying(policy, over: base)
        if !policy.imageProfileDirectories.isEmpty {
            let policyDirectory = key.hasPrefix("builtin:") ? directory : URL(fileURLWithPath: key).deletingLastPathComponent().path
            var profiles: [ImageProfile] = []
            for entry in policy.imageProfileDirectories {
                let path =
                    entry.path.hasPrefix("/")
                    ? entry.path : URL(fileURLWithPath: policyDirectory).appendingPathComponent(entry.path).standardizedFileURL.path
                let loaded = ImageProfileLoader().load(
                    directory: path, displayPath: entry.path.hasPrefix("/") ? entry.path : Self.displayPath(path),
                    position: entry.position, origin: source.path)
                diagnostics += loaded.diagnostics
                profiles += loaded.profiles
            }
            if diagnostics.contains(where: { $0.level == .error }) { return Result(policy: nil, diagnostics: diagnostics) }
            resolved.imageProfiles = resolved.imageProfiles.adding(profiles)
        }
        return Result(policy: resolved, diagnostics: diagnostics)
    }

    /// A path relative to the working directory when it lies below it.
    static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
