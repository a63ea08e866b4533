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
    /// How many bytes of Kubernetes files the ServiceAccount scan may keep parsed for their units
    /// (``ScannedStreams``); the result does not depend on it.
    var scanBudget = ScannedStreams.defaultBudget
    /// How kustomization directories are rendered (`--kustomize-command`).
    public var kustomize = KustomizeOptions()

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
    /// The workloads with their YAML nodes; empty when the analysis kept only what reports need
    /// (``AnalysisRetention/report(quotesSource:)``).
    public var workloads: [Workload] = []
    /// The Kubernetes ConfigMaps with their YAML nodes, kept as the workloads are.
    public var configMaps: [KubernetesConfigMap] = []
    /// What reports say of each workload, in input order; always filled.
    public var workloadSummaries: [WorkloadSummary] = []
    public var diagnostics: [Diagnostic] = []
    public var composeProjects: [ComposeLoadResult] = []
    /// Files read, by path, so that reports can quote source lines.
    public var sources: [String: SourceFile] = [:]
    /// Kubernetes files and how many documents each held.
    public var kubernetesFiles: [(path: String, documents: Int)] = []
    /// The secret values of the input, worked out unit by unit wherever source text may be shown
    /// (every run that keeps the workloads, reports that quote source lines, units with located
    /// diagnostics); nil otherwise (reports work them out from the workloads).
    public var secrets: SecretRedaction?
    /// The kustomizations rendered, by the path their rendered objects have in the model (the
    /// directory as named), to find the user's file behind each value.
    var kustomizations: [String: KustomizeRenderedInput] = [:]

    public init() {}

    /// True when some input could not be analysed (the run exits with 2).
    public var hasErrors: Bool { diagnostics.contains { $0.level == .error } }
}

/// Reads the input, plans its units (``AnalysisUnit``), gathers the ServiceAccounts, then parses,
/// loads and — for ``Analyzer`` — audits the units on `request.jobs` threads. Results are joined
/// in unit order, so the outcome does not depend on the number of threads.
public struct InputLoader: Sendable {
    public init() {}

    /// Every workload of the input with its YAML nodes, not audited.
    public func load(_ request: AnalysisRequest, readStandardInput: () -> [UInt8] = InputCollector.readStandardInput) -> LoadedInput {
        run(request, auditor: nil, retention: .everything, readStandardInput: readStandardInput).loaded
    }

    /// The input loaded unit by unit, each unit audited by `auditor` (when given) as soon as it is
    /// loaded; what is kept of each unit is what `retention` asks for.
    ///
    /// With `each`, units are worked on in order and each unit's findings (with its sources and
    /// secrets, as `retention` keeps them) are handed to `each` as soon as the units before it are
    /// done (one call at a time, in report order), and not kept.
    func run(
        _ request: AnalysisRequest, auditor: Auditor?, retention: AnalysisRetention,
        readStandardInput: () -> [UInt8], each: ((AnalysisPart) -> Void)? = nil
    ) -> (loaded: LoadedInput, findings: [Finding]) {
        var loaded = LoadedInput()
        var planned = plan(request, readStandardInput: readStandardInput)
        loaded.diagnostics += planned.diagnostics
        var unitAuditor = auditor
        unitAuditor?.jobs = 1
        let analysis = UnitAnalysis(
            request: request, serviceAccounts: ServiceAccountLinking.Table(planned.serviceAccounts), auditor: unitAuditor,
            retention: retention, scanned: planned.scanned)
        let pool = WorkPool<UnitOutput>()
        for (index, unit) in planned.units.enumerated() {
            pool.add(key: [index], weight: unit.weight) { pool in analysis.run(unit, index: index, pool: pool) }
        }
        // The tasks hold the units now: each unit's files go once its task is done.
        planned.units = []
        var findings: [Finding] = []
        var secrets: [SecretRedaction] = []
        if let each {
            let joined = JoinedOutputs(loaded)
            // A part carries secrets when its report quotes source lines; those worked out for a
            // unit's located diagnostics stay with the diagnostics.
            let quotesSource = retention == .report(quotesSource: true)
            pool.run(jobs: request.jobs) { output in
                var output = output
                each(
                    AnalysisPart(
                        findings: joined.firstSeen(output.findings), sources: Dictionary(output.sources) { first, _ in first },
                        secrets: quotesSource ? output.secrets : nil))
                // What is kept of a part handed on: its summaries and diagnostics, and the files
                // (and secrets) the diagnostics quote.
                output.findings = []
                if !output.diagnostics.contains(where: { $0.position != nil }) { output.secrets = nil }
                output.keepOnlySourcesDiagnosticsQuote()
                joined.join(output)
            }
            loaded = joined.loaded
            secrets = joined.secrets
        } else {
            var outputs = pool.run(jobs: request.jobs).map(\.output)
            var deduplicator = FindingDeduplicator()
            findings.reserveCapacity(outputs.reduce(0) { $0 + $1.findings.count })
            // Each output is let go as soon as it is joined, so that the findings are not held twice.
            for index in outputs.indices {
                let output = outputs[index]
                outputs[index] = UnitOutput()
                Self.join(output, into: &loaded, secrets: &secrets)
                findings += deduplicator.firstSeen(output.findings)
            }
        }
        if !secrets.isEmpty { loaded.secrets = SecretRedaction(joining: secrets) }
        // Level breaks the remaining ties, so that the order never depends on how the work was split.
        loaded.diagnostics = Self.unique(loaded.diagnostics).sorted { lhs, rhs in
            Diagnostic.reportOrder(lhs, rhs) || (!Diagnostic.reportOrder(rhs, lhs) && lhs.level < rhs.level)
        }
        return (loaded, findings)
    }

    /// Collects the files of `request`, gathers their ServiceAccounts and plans the units; the
    /// diagnostics are those of collecting (a missing file, an unreadable one).
    private func plan(
        _ request: AnalysisRequest, readStandardInput: () -> [UInt8]
    ) -> (units: [AnalysisUnit], serviceAccounts: [KubernetesServiceAccount], scanned: ScannedStreams, diagnostics: [Diagnostic]) {
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
        let project = !request.compose.files.isEmpty || discoversCompose ? request.compose : nil
        let scan = ServiceAccountScan.accounts(
            in: collected.files.filter { !(composeStdin && $0.origin == .stdin) }, limits: request.limits, jobs: request.jobs,
            keptDocuments: UnitAnalysis.sliceSize, budget: request.scanBudget)
        // The units hold the files from here on; each file's bytes go when its unit is done with them.
        let kustomize = KustomizeWalk(collected.kustomizations, reader: request.reader, limits: request.limits)
        let files = collected.files.filter { $0.origin != .walked || !kustomize.owns($0.path) }
        let units = AnalysisUnit.plan(
            files: files, project: project, composeStandardInput: composeStdin, kustomizations: kustomize.roots)
        return (units, scan.accounts, scan.streams, collected.diagnostics)
    }

    /// Adds what a unit gave (but its findings) to `loaded`.
    fileprivate static func join(_ output: UnitOutput, into loaded: inout LoadedInput, secrets: inout [SecretRedaction]) {
        loaded.workloads += output.workloads
        loaded.configMaps += output.configMaps
        loaded.workloadSummaries += output.summaries
        loaded.diagnostics += output.diagnostics
        loaded.composeProjects += output.composeProjects
        loaded.kubernetesFiles += output.kubernetesFiles
        for rendered in output.kustomizations { loaded.kustomizations[rendered.directory] = rendered }
        for (path, source) in output.sources where loaded.sources[path] == nil { loaded.sources[path] = source }
        if let part = output.secrets { secrets.append(part) }
    }

    /// Diagnostics without repeats (a file shared by two Compose projects reports once).
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}

/// What a unit hands on when the analysis is streamed: its findings in report order, and — when
/// its reports quote source lines — its files and the secret values to mask in them.
public struct AnalysisPart: Sendable {
    public var findings: [Finding]
    public var sources: [String: SourceFile]
    public var secrets: SecretRedaction?
}

/// What the units gave so far, joined as the pool hands them on (one at a time, so no lock).
private final class JoinedOutputs: @unchecked Sendable {
    var loaded: LoadedInput
    var secrets: [SecretRedaction] = []
    private var deduplicator = FindingDeduplicator()

    init(_ loaded: LoadedInput) {
        self.loaded = loaded
    }

    func firstSeen(_ findings: [Finding]) -> [Finding] {
        deduplicator.firstSeen(findings)
    }

    func join(_ output: UnitOutput) {
        InputLoader.join(output, into: &loaded, secrets: &secrets)
    }
}
