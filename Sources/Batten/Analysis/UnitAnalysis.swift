import BattenYAML

/// What one unit of the input, or one slice of a large Kubernetes file, gave.
struct UnitOutput: Sendable {
    var workloads: [Workload] = []
    /// The Kubernetes ConfigMaps, for the rules that look at them.
    var configMaps: [KubernetesConfigMap] = []
    var summaries: [WorkloadSummary] = []
    var findings: [Finding] = []
    var diagnostics: [Diagnostic] = []
    var composeProjects: [ComposeLoadResult] = []
    var sources: [(path: String, file: SourceFile)] = []
    var kubernetesFiles: [(path: String, documents: Int)] = []
    var secrets: SecretRedaction?
    /// The kustomizations rendered for this unit.
    var kustomizations: [KustomizeRenderedInput] = []
    /// Kubernetes documents loaded, for the secrets of those that are no workload (a Secret);
    /// let go once the secrets are worked out.
    var documents: [YAMLDocument] = []

    /// Drops the source files but those a located diagnostic quotes.
    mutating func keepOnlySourcesDiagnosticsQuote() {
        let quoted = Set(diagnostics.lazy.filter { $0.position != nil }.map(\.path))
        sources.removeAll { !quoted.contains($0.path) }
    }
}

/// Parses, loads and (with an auditor) audits one ``AnalysisUnit``, keeping what `retention` asks
/// for. A Kubernetes file of many documents is parsed here and its slices are handed to the pool,
/// so that every thread shares them.
struct UnitAnalysis: Sendable {
    var request: AnalysisRequest
    var serviceAccounts: ServiceAccountLinking.Table
    /// Audits each unit's workloads; nil to load only.
    var auditor: Auditor?
    var retention: AnalysisRetention
    /// Files the ServiceAccount scan has parsed already.
    var scanned = ScannedStreams()
    /// Documents per slice of a large Kubernetes file.
    var sliceSize = UnitAnalysis.sliceSize

    static let sliceSize = 256

    func run(_ unit: AnalysisUnit, index: Int, pool: WorkPool<UnitOutput>) -> UnitOutput {
        switch unit {
        case .file(let file, let loadsCompose):
            return single(file, loadsCompose: loadsCompose, index: index, pool: pool)
        case .composeDirectory(let files):
            return composeDirectory(files)
        case .composeProject(let options, let standardInput):
            var output = UnitOutput()
            var preloaded: [String: YAMLStream] = [:]
            if let standardInput {
                preloaded["-"] = YAMLParser.parse(standardInput.source, limits: request.limits)
                output.sources.append((standardInput.path, standardInput.source))
            }
            loadProject(options, preloaded: preloaded, into: &output)
            return finish(output)
        case .kustomization(let directory):
            return kustomization(directory)
        }
    }

    /// A kustomization rendered and loaded as Kubernetes manifests; what is found in the rendered
    /// objects is moved to the user's files that set it.
    private func kustomization(_ directory: KustomizeDirectory) -> UnitOutput {
        var output = UnitOutput()
        let renderer = KustomizeRenderer(
            options: request.kustomize, limits: request.limits, environment: request.environment, reader: request.reader)
        let rendered: KustomizeRenderedInput
        switch renderer.render(directory: directory.directory, kustomizationPath: directory.kustomizationPath) {
        case .failure(let failure):
            output.diagnostics.append(failure.diagnostic)
            return finish(output)
        case .success(let value):
            rendered = value
        }
        let stream = YAMLParser.parse(rendered.source, limits: request.limits)
        output.kustomizations.append(rendered)
        output.sources.append((rendered.source.path, rendered.source))
        loadKubernetes(InputFile(source: rendered.source, origin: directory.origin), stream: stream, into: &output)
        let locator = KustomizeLocator(rendered: rendered, documents: stream.documents, reader: request.reader, limits: request.limits)
        return finish(output, locator: locator)
    }

    // MARK: - Kinds of unit

    private func single(_ file: InputFile, loadsCompose: Bool, index: Int, pool: WorkPool<UnitOutput>) -> UnitOutput {
        var output = UnitOutput()
        output.sources.append((file.path, file.source))
        if let stream = scanned.take(file.path), stream.documents.count <= sliceSize,
            Self.kind(of: file, stream: stream) == .kubernetes
        {
            // A Kubernetes file the ServiceAccount scan parsed: small enough to load in one piece.
            loadKubernetes(file, stream: stream, into: &output)
            return finish(output)
        }
        let reader = YAMLDocumentReader(file.source, limits: request.limits)
        var documents: [YAMLDocument] = []
        while documents.count <= sliceSize, let document = reader.next() { documents.append(document) }
        if documents.count > sliceSize, FormatDetection.detect(path: file.path, documents: documents) == .kubernetes {
            // A large Kubernetes file: its slices are audited while the rest of it is read.
            addSlices(of: file, documents, reader: reader, after: SliceCursor(index: index), pool: pool)
            return finish(output)
        }
        while let document = reader.next() { documents.append(document) }
        let stream = YAMLStream(source: file.source, documents: documents, error: reader.error)
        switch Self.kind(of: file, stream: stream) {
        case .compose:
            guard loadsCompose else { return finish(output) }
            loadProject(
                project(files: [file.path]), preloaded: [file.path: stream],
                into: &output)
        case .kubernetes:
            guard documents.count > sliceSize else {
                loadKubernetes(file, stream: stream, into: &output)
                return finish(output)
            }
            addSlices(of: file, documents, reader: reader, after: SliceCursor(index: index), pool: pool)
        case .other:
            output.diagnostics.append(Self.skipped(file, stream: stream))
        }
        return finish(output)
    }

    /// Where the slices of a large Kubernetes file have got to: the unit's index, the last slice
    /// handed out, and the end of its last document.
    private struct SliceCursor {
        var index: Int
        var slice = 0
        var previousEnd = 0
    }

    /// Hands `documents` (read from `reader`, in order) to the pool in slices of ``sliceSize``, each
    /// a task `[unit, n]`. While the reader has more, the documents left over and the reading of
    /// the next slice go to a task `[unit, n, 1]`: in key order it is taken after slice n, so the
    /// file is read about one slice ahead of its audit and its documents are let go slice by slice.
    /// The last output of the file also carries what the whole file gave: its parse error, if any,
    /// and its number of documents.
    private func addSlices(
        of file: InputFile, _ documents: [YAMLDocument], reader: YAMLDocumentReader, after cursor: SliceCursor,
        pool: WorkPool<UnitOutput>
    ) {
        var cursor = cursor
        var start = 0
        while documents.count - start >= sliceSize || (reader.isFinished && start < documents.count) {
            let end = min(start + sliceSize, documents.count)
            let part = Array(documents[start..<end])
            let isLast = reader.isFinished && end == documents.count
            let previousEnd = cursor.previousEnd
            let weight = part.reduce(0) { $0 + $1.range.count }
            cursor.slice += 1
            cursor.previousEnd = part.last?.range.upperBound ?? previousEnd
            pool.add(key: [cursor.index, cursor.slice], weight: weight) { _ in
                let result = KubernetesLoader().load(part, path: file.path, previousEnd: previousEnd)
                var output = isLast ? Self.fileTotals(file, reader: reader) : UnitOutput()
                output.workloads = result.workloads
                output.configMaps = result.configMaps
                output.documents = part
                output.diagnostics = result.diagnostics + output.diagnostics
                // The slice's findings point into the file: reports trim and quote with it.
                output.sources = [(file.path, file.source)]
                return finish(output)
            }
            start = end
        }
        guard !reader.isFinished else { return }
        let rest = Array(documents[start...])
        let next = cursor
        pool.add(key: [next.index, next.slice, 1], weight: file.source.bytes.count - next.previousEnd) { pool in
            var read = rest
            while read.count < sliceSize, let document = reader.next() { read.append(document) }
            guard !read.isEmpty else { return finish(Self.fileTotals(file, reader: reader)) }
            addSlices(of: file, read, reader: reader, after: next, pool: pool)
            return UnitOutput()
        }
    }

    /// What a large Kubernetes file gave once read to the end: its parse error and its number of documents.
    private static func fileTotals(_ file: InputFile, reader: YAMLDocumentReader) -> UnitOutput {
        var output = UnitOutput()
        record(file, documents: reader.count, error: reader.error, into: &output)
        output.sources.append((file.path, file.source))
        return output
    }

    /// What a whole Kubernetes file gave besides its workloads: its parse error and its number of documents.
    private static func record(_ file: InputFile, documents: Int, error: YAMLError?, into output: inout UnitOutput) {
        if let error { output.diagnostics.append(Diagnostic(error)) }
        output.kubernetesFiles.append((file.path, documents))
    }

    private func composeDirectory(_ files: [InputFile]) -> UnitOutput {
        var output = UnitOutput()
        var streams: [String: YAMLStream] = [:]
        var composePaths: [String] = []
        for file in files {
            let stream = scanned.take(file.path) ?? YAMLParser.parse(file.source, limits: request.limits)
            output.sources.append((file.path, file.source))
            switch Self.kind(of: file, stream: stream) {
            case .compose:
                streams[file.path] = stream
                composePaths.append(file.path)
            case .kubernetes:
                loadKubernetes(file, stream: stream, into: &output)
            case .other:
                output.diagnostics.append(Self.skipped(file, stream: stream))
            }
        }
        for grouped in ComposeDiscovery.group(walkedFiles: composePaths) {
            loadProject(project(files: grouped.files), preloaded: streams, into: &output)
        }
        return finish(output)
    }

    /// The workloads of a Kubernetes file loaded in one piece, its parse error if any.
    private func loadKubernetes(_ file: InputFile, stream: YAMLStream, into output: inout UnitOutput) {
        Self.record(file, documents: stream.documents.count, error: stream.error, into: &output)
        let result = KubernetesLoader().load(stream.documents, path: file.path)
        output.documents += stream.documents
        output.workloads += result.workloads
        output.configMaps += result.configMaps
        output.diagnostics += result.diagnostics
    }

    /// Why a file that is neither Compose nor Kubernetes is skipped: its parse error, else a note
    /// for a file a walk found and a warning for one named on the command line.
    private static func skipped(_ file: InputFile, stream: YAMLStream) -> Diagnostic {
        if let error = stream.error { return Diagnostic(error) }
        return Diagnostic(
            level: file.origin == .walked ? .note : .warning, path: file.path, position: nil,
            message: "not a Compose file or Kubernetes manifest; skipped")
    }

    /// The command line's Compose options with `files` as the project's files.
    private func project(files: [String]) -> ComposeProjectOptions {
        var options = request.compose
        options.files = files
        return options
    }

    private func loadProject(_ options: ComposeProjectOptions, preloaded: [String: YAMLStream], into output: inout UnitOutput) {
        var loader = ComposeProjectLoader(options: options, environment: request.environment, limits: request.limits)
        loader.reader = request.reader
        let result = loader.load(preloaded: preloaded)
        output.workloads += result.auditedWorkloads
        output.diagnostics += result.diagnostics
        output.composeProjects.append(result)
        let known = Set(output.sources.map(\.path))
        for (path, source) in result.sources.sorted(by: { $0.key < $1.key }) where !known.contains(path) {
            output.sources.append((path, source))
        }
    }

    /// What a parsed file is: Compose, Kubernetes or neither. A file that did not parse at all is
    /// Compose when named like one (its error is reported by the project), else Kubernetes.
    static func kind(of file: InputFile, stream: YAMLStream) -> FormatDetection.Kind {
        if stream.error != nil && stream.documents.isEmpty {
            return FormatDetection.isComposeFileName(file.path) ? .compose : .kubernetes
        }
        return FormatDetection.detect(path: file.path, documents: stream.documents)
    }

    // MARK: - Audit and retention

    /// Links ServiceAccounts, audits, and keeps what `retention` asks for.
    private func finish(_ loaded: UnitOutput, locator: KustomizeLocator? = nil) -> UnitOutput {
        var output = loaded
        serviceAccounts.link(&output.workloads)
        if let auditor { output.findings = auditor.audit(output.workloads, configMaps: output.configMaps) }
        if let locator {
            KustomizeRelocation.apply(locator, findings: &output.findings, diagnostics: &output.diagnostics)
            let known = Set(output.sources.map(\.path))
            output.sources += locator.sources.filter { !known.contains($0.path) }
            output.findings.sort(by: Finding.reportOrder)
        }
        output.summaries = output.workloads.map(WorkloadSummary.init)
        // The secrets to mask wherever source text is shown: quoted lines of a report or of a
        // diagnostic, a fix's diff, the loaded configuration.
        let showsSource: Bool
        switch retention {
        case .everything: showsSource = true
        case .report(let quotesSource): showsSource = quotesSource || output.diagnostics.contains { $0.position != nil }
        }
        if showsSource {
            output.secrets = SecretRedaction(workloads: output.workloads, documents: output.documents, policy: auditor?.policy)
        }
        output.documents = []
        switch retention {
        case .everything:
            return output
        case .report(let quotesSource):
            // Reports pull a finding's end back over trailing blanks with the file's text: done
            // here, while the text is at hand, so that the same region comes out without it.
            let sources = Dictionary(output.sources, uniquingKeysWith: { first, _ in first })
            var sourceOfPath = RunLookup<String, SourceFile?>()
            for index in output.findings.indices {
                guard let source = sourceOfPath.value(for: output.findings[index].location.path, { sources[$0] }) else { continue }
                output.findings[index].location.end = SourceRegion.trimmedEnd(of: output.findings[index].location, in: source)
            }
            if !quotesSource { output.keepOnlySourcesDiagnosticsQuote() }
            output.workloads = []
            output.configMaps = []
            output.composeProjects = []
            for index in output.findings.indices {
                guard let fix = output.findings[index].fix else { continue }
                // A decision without changes (nothing Batten can apply) carries its own snippet.
                if quotesSource, fix.kind == .decision, !fix.changes.isEmpty {
                    let snippet = FixSnippet.lines(for: fix, target: output.findings[index].target)
                    output.findings[index].fix?.snippet = snippet
                }
                output.findings[index].fix?.changes = []
            }
            return output
        }
    }
}
