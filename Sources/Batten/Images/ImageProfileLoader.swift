import BattenYAML
import Foundation

/// Reads the image profiles of a directory (`--image-profiles DIR`, a policy's `image-profiles`):
/// every `*.yaml` and `*.yml` file in it, in name order, one profile per file. A directory that does
/// not exist, a file that does not parse and two files with the same profile name are errors.
public struct ImageProfileLoader: Sendable {
    public init() {}

    /// The profiles that loaded and every problem found.
    public struct Result: Sendable {
        public var profiles: [ImageProfile]
        public var diagnostics: [Diagnostic]

        /// True when a file or the directory could not be used.
        public var hasErrors: Bool { diagnostics.contains { $0.level == .error } }
    }

    /// Loads `directory`, named `displayPath` in messages (`directory` when nil). A missing directory
    /// is reported at `position` of the file `origin` (the policy that names it) when given.
    public func load(directory: String, displayPath: String? = nil, position: SourcePosition? = nil, origin: String? = nil) -> Result {
        let shown = displayPath ?? directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return Result(
                profiles: [],
                diagnostics: [
                    Diagnostic(
                        level: .error, path: origin ?? shown, position: position,
                        message: "image profile directory \(shown) does not exist or is not a directory")
                ])
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        var result = Result(profiles: [], diagnostics: [])
        var seen: [String: String] = [:]
        for name in names {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            let shownPath = shown.hasSuffix("/") ? shown + name : shown + "/" + name
            let data: [UInt8]
            switch FileReader.disk.contents(of: path, limit: YAMLLimits.default.maxFileSize) {
            case .success(let bytes):
                data = bytes
            case .failure(let failure):
                result.diagnostics.append(
                    Diagnostic(
                        level: .error, path: shownPath, position: nil, message: "cannot read this image profile: \(failure)"))
                continue
            }
            let parsed = ImageProfileParser().parse(SourceFile(path: shownPath, bytes: data))
            result.diagnostics += parsed.diagnostics
            guard let profile = parsed.profile else { continue }
            if let first = seen[profile.name] {
                result.diagnostics.append(
                    Diagnostic(
                        level: .error, path: shownPath, position: nil,
                        message: "image profile `\(profile.name)` is also defined in \(first); give each profile its own name"))
                continue
            }
            seen[profile.name] = shownPath
            result.profiles.append(profile)
        }
        return result
    }
}
