import BattenYAML
import Foundation

/// What to analyse: paths and the Compose project options of the command line.
public struct AnalysisRequest: Sendable {
    /// Files, directories and `-` for standard input. With no paths and no `-f` files, the working directory.
    public var paths: [String]
    /// `-f`, `--project-directory`, `--env-file`, `--profile`, `-p`. When `compose.files` is not empty,
    /// those files make one project.
    public var compose: ComposeProjectOptions
    /// The name standard input gets in reports.
    public var stdinName: String
    public var limits: YAMLLimits
    /// The environment for Compose interpolation.
    public var environment: [String: String]
    /// Where file contents come from (the disk, or patched contents during a fix).
    public var reader: FileReader

    public init(
        paths: [String], compose: ComposeProjectOptions = ComposeProjectOptions(), stdinName: String = "-",
        limits: YAMLLimits = .default, environment: [String: String] = ProcessInfo.processInfo.environment,
        reader: FileReader = .disk
    ) {
        self.paths = paths
        self.compose = compose
        self.stdinName = stdinName
        self.limits = limits
        self.environment = environment
        self.reader = reader
    }
}

/// Everything read from the input: workloads of both formats and the diagnostics of every file.
public struct LoadedInput: Sendable {
    public var workloads: [Workload] = []
    public var diagnostics: [Diagnostic] = []
    public var composeProjects: [ComposeLoadResult] = []
    /// Files read, by path, so that reports can quote source lines.
    public var sources: [String: SourceFile] = [:]
    /// Kubernetes files and how many documents each held.
    public var kubernetesFiles: [(path: String, documents: Int)] = []
    /// Standard input's bytes (the same input is read once).
    public var standardInput: [UInt8]?

    public init() {}

    /// True when some input could not be analysed (the run exits with 2).
    public var hasErrors: Bool { diagnostics.contains { $0.level == .error } }
}

/// Reads, parses and classifies the input, then runs the Compose and Kubernetes loaders.
public struct InputLoader: Sendable {
    public init() {}

    public func load(_ request: AnalysisRequest, readStandardInput: () -> [UInt8] = InputCollector.readStandardInput) -> LoadedInput {
        var loaded = LoadedInput()
        let collector = InputCollector(limits: request.limits, stdinName: request.stdinName, reader: request.reader)
        // `--project-directory` without paths or `-f`: Compose's default discovery in that directory.
        let discoversCompose = request.paths.isEmpty && request.compose.files.isEmpty && request.compose.projectDirectory != nil
        let paths: [String]
        if discoversCompose {
            paths = []
        } else {
            paths = request.paths.isEmpty && request.compose.files.isEmpty ? ["."] : request.paths
        }
        // `-f -` reads the Compose file from standard input.
        let composeStdin = request.compose.files.contains("-")
        let collected = collector.collect(
            composeStdin && !paths.contains("-") ? paths + ["-"] : paths, readStandardInput: readStandardInput)
        loaded.diagnostics += collected.diagnostics

        var composeStreams: [String: YAMLStream] = [:]
        var walkedCompose: [String] = []
        var explicitCompose: [String] = []
        let parsed = collected.files.map { file in (file, YAMLParser.parse(file.source, limits: request.limits)) }
        var kubernetes: [(InputFile, YAMLStream)] = []
        for (file, stream) in parsed {
            loaded.sources[file.path] = file.source
            if composeStdin && file.origin == .stdin {
                composeStreams["-"] = stream
                continue
            }
            let kind: FormatDetection.Kind
            if stream.error != nil && stream.documents.isEmpty {
                kind = FormatDetection.isComposeFileName(file.path) ? .compose : .kubernetes
            } else {
                kind = FormatDetection.detect(path: file.path, documents: stream.documents)
            }
            switch kind {
            case .compose:
                composeStreams[file.path] = stream
                if file.origin == .walked { walkedCompose.append(file.path) } else { explicitCompose.append(file.path) }
            case .kubernetes:
                kubernetes.append((file, stream))
            case .other:
                if let error = stream.error {
                    loaded.diagnostics.append(Diagnostic(error))
                } else if file.origin == .walked {
                    loaded.diagnostics.append(Diagnostic(
                        level: .note, path: file.path, position: nil,
                        message: "not a Compose file or Kubernetes manifest; skipped"))
                } else {
                    loaded.diagnostics.append(Diagnostic(
                        level: .warning, path: file.path, position: nil,
                        message: "not a Compose file or Kubernetes manifest; skipped"))
                }
            }
        }

        let kubernetesLoader = KubernetesLoader()
        var serviceAccounts: [KubernetesServiceAccount] = []
        for (file, stream) in kubernetes {
            if let error = stream.error { loaded.diagnostics.append(Diagnostic(error)) }
            let result = kubernetesLoader.load(stream.documents, path: file.path)
            loaded.workloads += result.workloads
            loaded.diagnostics += result.diagnostics
            serviceAccounts += result.serviceAccounts
            loaded.kubernetesFiles.append((file.path, stream.documents.count))
        }

        var projects: [ComposeProjectOptions] = []
        if !request.compose.files.isEmpty || discoversCompose {
            projects.append(request.compose)
        } else if paths.isEmpty == false {
            projects += explicitCompose.map { path in
                var options = request.compose
                options.files = [path]
                return options
            }
            projects += ComposeDiscovery.group(walkedFiles: walkedCompose).map { grouped in
                var options = request.compose
                options.files = grouped.files
                return options
            }
        }
        for options in projects {
            var loader = ComposeProjectLoader(options: options, environment: request.environment, limits: request.limits)
            loader.reader = request.reader
            let result = loader.load(preloaded: composeStreams)
            loaded.workloads += result.workloads
            loaded.diagnostics += result.diagnostics
            loaded.composeProjects.append(result)
            for (path, source) in result.sources where loaded.sources[path] == nil { loaded.sources[path] = source }
        }
        KubernetesLoader.link(&loaded.workloads, serviceAccounts: serviceAccounts)
        loaded.diagnostics = Self.unique(loaded.diagnostics).sorted(by: Diagnostic.reportOrder)
        return loaded
    }

    /// Diagnostics without repeats (a file shared by two Compose projects reports once).
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}
