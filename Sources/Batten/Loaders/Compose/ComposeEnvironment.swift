import BattenYAML
import Foundation

/// The variables a project interpolates with: the `.env` file of the project directory (or the
/// `--env-file` files), overridden by the process environment, as Compose does.
enum ComposeEnvironment {
    /// Builds the interpolation environment. `envFiles` are relative to the working directory; without
    /// them `.env` in the project directory is read when it exists.
    static func build(
        process: [String: String], envFiles: [String], projectDirectory: String, state: inout ComposeLoadState
    ) -> [String: String] {
        var fileValues: [String: String] = [:]
        if envFiles.isEmpty {
            let path = projectDirectory + "/.env"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                let display = displayPath(path, workingDirectory: state.workingDirectory)
                for (key, value) in readEnvFile(
                    display: display, absolute: path, reference: nil, lookup: { process[$0] ?? fileValues[$0] },
                    state: &state) ?? []
                {
                    fileValues[key] = value
                }
            }
        } else {
            for file in envFiles {
                for (key, value) in readEnvFile(
                    display: file, absolute: state.absolute(file), reference: nil,
                    lookup: { process[$0] ?? fileValues[$0] }, state: &state) ?? []
                {
                    fileValues[key] = value
                }
            }
        }
        return fileValues.merging(process) { _, processValue in processValue }
    }

    /// Reads one env file. A missing file is reported at `reference` with `missingLevel` (nil: silently
    /// skipped), or on the path itself when there is no reference; syntax problems are reported at their line.
    static func readEnvFile(
        display: String, absolute: String, reference: NodeRef?, missingLevel: Diagnostic.Level? = .error,
        lookup: (String) -> String?, state: inout ComposeLoadState
    ) -> [(String, String)]? {
        let data: [UInt8]
        switch state.reader.contents(of: absolute, limit: state.limits.maxFileSize) {
        case .success(let bytes):
            data = bytes
        case .failure(.missing) where missingLevel == nil:
            return nil
        case .failure(let failure):
            // `/dev/null` is how Compose says "no variables"; any other device, FIFO or socket is refused
            // by type, and a file over the size limit by its size, before anything is read.
            if absolute == "/dev/null" { return [] }
            let level = missingLevel ?? .warning
            let problem: String
            if case .missing = failure { problem = "not found" } else { problem = failure.predicate }
            if let reference {
                state.diagnostics.append(Diagnostic(level, at: reference, "env file \(display) \(problem)"))
            } else {
                state.diagnostics.append(Diagnostic(level: level, path: display, position: nil, message: "env file \(problem)"))
            }
            return nil
        }
        let source = SourceFile(path: display, bytes: data)
        let text = String(decoding: data, as: UTF8.self)
        let parsed = DotEnv.parse(text, lookup: lookup)
        for problem in parsed.problems {
            let offset = problem.line - 1 < source.lineStarts.count ? source.lineStarts[problem.line - 1] : 0
            state.diagnostics.append(
                Diagnostic(
                    level: .error, path: display, position: source.position(forByteOffset: offset), message: problem.message))
        }
        if !parsed.problems.isEmpty, state.sources[display] == nil { state.sources[display] = source }
        return parsed.entries.map { ($0.key, $0.value) }
    }

    /// `path` relative to the working directory when it lies below it, for messages.
    static func displayPath(_ path: String, workingDirectory: String) -> String {
        let prefix = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
