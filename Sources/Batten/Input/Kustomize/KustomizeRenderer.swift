import BattenYAML
import Foundation

/// How kustomize input is rendered: which tool, how long it may run.
public struct KustomizeOptions: Sendable, Hashable {
    /// `--kustomize-command`: `kubectl`, `kustomize` or a path to either; nil to look for both on `PATH`.
    public var command: String?
    /// Seconds one rendering may take.
    public var timeLimit: Duration

    public init(command: String? = nil, timeLimit: Duration = .seconds(60)) {
        self.command = command
        self.timeLimit = timeLimit
    }
}

/// A kustomization rendered for the audit: the objects as the cluster gets them (build-metadata
/// annotations removed), and where each came from.
struct KustomizeRenderedInput: Sendable {
    /// The kustomization's directory, as it was named (the rendered text's path in the model).
    var directory: String
    /// Its kustomization file.
    var kustomizationPath: String
    /// The rendered objects, without the build-metadata annotations.
    var source: SourceFile
    /// The origin of each document of `source`, in order.
    var origins: [KustomizeObjectOrigin]
}

/// Renders a kustomization through a wrapper kustomization in a temporary directory that adds
/// `buildMetadata: [originAnnotations, transformerAnnotations]`, so that the user's files are not
/// touched. The tool runs without a shell, with a time limit and its output bounded by the
/// file-size limit. When `reader` replaces a file the kustomization uses (a fix being re-audited),
/// a copy of its files with the replaced bytes is rendered instead (``KustomizeTreeCopy``).
struct KustomizeRenderer: Sendable {
    var options: KustomizeOptions
    var limits: YAMLLimits
    var environment: [String: String]
    var reader: FileReader = .disk

    /// The rendered input, or an error diagnostic on the kustomization file.
    func render(directory: String, kustomizationPath: String) -> Result<KustomizeRenderedInput, KustomizeRenderFailure> {
        func failure(_ message: String) -> Result<KustomizeRenderedInput, KustomizeRenderFailure> {
            .failure(KustomizeRenderFailure(diagnostic: Diagnostic(level: .error, path: kustomizationPath, position: nil, message: message)))
        }
        guard let tool = KustomizeTool.find(command: options.command, environment: environment) else {
            return failure(KustomizeTool.missingMessage(command: options.command))
        }
        let resolved = KustomizePaths.resolved(directory)
        let scratch =
            KustomizePaths.resolved(FileManager.default.temporaryDirectory.path)
            + "/batten-kustomize-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            return failure("cannot create a temporary directory to render the kustomization: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var rendered = resolved
        switch KustomizeTreeCopy.make(
            directory: directory, kustomizationPath: kustomizationPath, reader: reader, limits: limits, into: scratch + "/tree")
        {
        case .unchanged: break
        case .copied(let copy): rendered = copy
        case .failed(let message): return failure(message)
        }
        let relative = KustomizePaths.relative(from: scratch, to: rendered)
        let wrapper = """
            resources:
              - \(Self.quoted(relative))
            buildMetadata: [originAnnotations, transformerAnnotations]

            """
        guard FileManager.default.createFile(atPath: scratch + "/kustomization.yaml", contents: Data(wrapper.utf8)) else {
            return failure("cannot write the temporary kustomization that renders this one")
        }
        let process = KustomizeProcess(tool: tool, timeLimit: options.timeLimit, outputLimit: limits.maxFileSize)
        let bytes: [UInt8]
        switch process.render(directory: scratch) {
        case .success(let output):
            bytes = output
        case .failure(let reason):
            let command = tool.displayName
            switch reason {
            case .launch(let message): return failure("cannot run \(command): \(message)")
            case .timedOut(let limit): return failure("\(command) did not finish within \(limit.components.seconds) seconds")
            case .outputTooLarge(let limit): return failure("\(command) printed more than \(limit) bytes, the file-size limit")
            case .failed(let message):
                let shown = message.replacingOccurrences(of: scratch + "/", with: "")
                    .replacingOccurrences(of: scratch, with: ".").replacingOccurrences(of: relative, with: directory)
                return failure("\(command) failed: \(shown)")
            }
        }
        let annotated = YAMLParser.parse(SourceFile(path: directory, bytes: bytes), limits: limits)
        if let error = annotated.error {
            return failure("\(tool.displayName) printed YAML that does not parse: \(error.fullMessage)")
        }
        let userPath: (String) -> String = { path in
            let absolute = KustomizePaths.join(scratch, path)
            return KustomizePaths.join(directory, KustomizePaths.relative(from: rendered, to: absolute))
        }
        let stripped = KustomizeAnnotations.strip(annotated, userPath: userPath)
        return .success(
            KustomizeRenderedInput(
                directory: directory, kustomizationPath: kustomizationPath,
                source: SourceFile(path: directory, bytes: stripped.bytes), origins: stripped.origins))
    }

    /// `text` as a double-quoted YAML scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
