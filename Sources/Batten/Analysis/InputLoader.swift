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
    /// How many threads read, parse, load and audit at once (1: all on the calling thread). The
    /// result does not depend on it.
    public var jobs: Int

    public init(
        paths: [String], compose: ComposeProjectOptions = ComposeProjectOptions(), stdinName: String = "-",
        limits: YAMLLimits = .default, environment: [String: String] = ProcessInfo.processInfo.environment,
        reader: FileReader = .disk, jobs: Int = AnalysisRequest.defaultJobs
    ) {
        self.paths = paths
        self.compose = compose
        self.stdinName = stdinName
        self.limits = limits
        self.environment = environment
        self.reader = reader
        self.jobs = max(1, jobs)
    }

    /// One job per active processor.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }
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

/// A file with its parse and what it was detected to be.
private struct ParsedFile: Sendable {
    var file: InputFile
    var stream: YAMLStream
    var kind: FormatDetection.Kind
}

/// Reads, parses and classifies the input, then runs the Compose and Kubernetes loaders. Files,
/// slices of large Kubernetes files and Compose projects are worked on by `request.jobs` threads;
/// results are joined in input order, so the outcome does not depend on the number of threads.
public struct InputLoader: Sendable {
    public init() {}

    public func load(_ request: AnalysisRequest, readStandardInput: () -> [UInt8] = InputCollector.readStandardInput) -> LoadedInput {
        var loaded = LoadedInput()
        let collector = InputCollector(
            limits: request.limits, stdinName: request.stdinName, reader: request.reader, jobs: request.jobs)
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
        let limits = request.limits
        let parsed = ParallelWork.map(
            collected.files, jobs: request.jobs, priority: ParallelWork.heaviestFirst(collected.files.map(\.source.bytes.count))
        ) { file -> ParsedFile in
            let stream = YAMLParser.parse(file.source, limits: limits)
            let kind: FormatDetection.Kind
            if composeStdin && file.origin == .stdin {
                kind = .compose
            } else if stream.error != nil && stream.documents.isEmpty {
                kind = FormatDetection.isComposeFileName(file.path) ? .compose : .kubernetes
            } else {
                kind = FormatDetection.detect(path: file.path, documents: stream.documents)
            }
            return ParsedFile(file: file, stream: stream, kind: kind)
        }
        var kubernetes: [(InputFile, YAMLStream)] = []
        for parsedFile in parsed {
            let file = parsedFile.file
            let stream = parsedFile.stream
            loaded.sources[file.path] = file.source
            if composeStdin && file.origin == .stdin {
                composeStreams["-"] = stream
                continue
            }
            switch parsedFile.kind {
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

        var serviceAccounts: [KubernetesServiceAccount] = []
        let kubernetesResults = Self.loadKubernetes(kubernetes.map { ($0.0.path, $0.1.documents) }, jobs: request.jobs)
        for ((file, stream), result) in zip(kubernetes, kubernetesResults) {
            if let error = stream.error { loaded.diagnostics.append(Diagnostic(error)) }
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
        let environment = request.environment
        let reader = request.reader
        let preloaded = composeStreams
        let weights = projects.map { options in options.files.reduce(0) { $0 + (preloaded[$1]?.source.bytes.count ?? 0) } }
        let composeResults = ParallelWork.map(projects, jobs: request.jobs, priority: ParallelWork.heaviestFirst(weights)) { options in
            var loader = ComposeProjectLoader(options: options, environment: environment, limits: limits)
            loader.reader = reader
            return loader.load(preloaded: preloaded)
        }
        for result in composeResults {
            loaded.workloads += result.workloads
            loaded.diagnostics += result.diagnostics
            loaded.composeProjects.append(result)
            for (path, source) in result.sources where loaded.sources[path] == nil { loaded.sources[path] = source }
        }
        KubernetesLoader.link(&loaded.workloads, serviceAccounts: serviceAccounts)
        // Level breaks the remaining ties, so that the order never depends on how the work was split.
        loaded.diagnostics = Self.unique(loaded.diagnostics).sorted { lhs, rhs in
            Diagnostic.reportOrder(lhs, rhs) || (!Diagnostic.reportOrder(rhs, lhs) && lhs.level < rhs.level)
        }
        return loaded
    }

    /// The Kubernetes loader's result for each file, in order. A file of many documents is loaded in
    /// slices on several threads; the slices' results are joined in document order.
    static func loadKubernetes(_ files: [(path: String, documents: [YAMLDocument])], jobs: Int) -> [KubernetesLoadResult] {
        let sliceSize = 256
        var slices: [(file: Int, documents: ArraySlice<YAMLDocument>, previousEnd: Int)] = []
        for (index, file) in files.enumerated() {
            var start = 0
            repeat {
                let end = jobs > 1 ? min(start + sliceSize, file.documents.count) : file.documents.count
                let previousEnd = start > 0 ? file.documents[start - 1].range.upperBound : 0
                slices.append((index, file.documents[start..<end], previousEnd))
                start = end
            } while start < file.documents.count
        }
        let weights = slices.map { slice in slice.documents.reduce(0) { $0 + $1.range.count } }
        let loader = KubernetesLoader()
        let work = slices.map { (path: files[$0.file].path, documents: Array($0.documents), previousEnd: $0.previousEnd) }
        let results = ParallelWork.map(work, jobs: jobs, priority: ParallelWork.heaviestFirst(weights)) { slice in
            loader.load(slice.documents, path: slice.path, previousEnd: slice.previousEnd)
        }
        var joined = files.map { _ in KubernetesLoadResult() }
        for (slice, result) in zip(slices, results) {
            joined[slice.file].workloads += result.workloads
            joined[slice.file].serviceAccounts += result.serviceAccounts
            joined[slice.file].diagnostics += result.diagnostics
        }
        return joined
    }

    /// Diagnostics without repeats (a file shared by two Compose projects reports once).
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}
