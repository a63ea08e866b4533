import Batten
import BattenYAML

/// libFuzzer's entry point: one input through parse → load → audit → fix.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzPipeline.run(bytes)
    return 0
}

/// The whole of `batten fix --include review` on one file read from standard input as `compose.yaml`
/// (detection goes by content, so Kubernetes manifests load as such), with the patches verified by
/// re-auditing them but never written.
enum FuzzPipeline {
    static let policy: ResolvedPolicy? = PolicyResolver().resolve(selection: "production", workingDirectory: "/").policy

    static func run(_ bytes: [UInt8]) {
        guard let policy else { return }
        let stream = YAMLParser.parse(SourceFile(path: "compose.yaml", bytes: bytes))
        for document in stream.documents {
            if let root = document.root { _ = document.value(root, applyMerges: true) }
        }
        let name = "compose.yaml"
        let request = AnalysisRequest(paths: ["-"], stdinName: name, environment: [:], jobs: 1)
        let analyzer = Analyzer(policy: policy, today: "2025-06-01")
        let result = analyzer.run(request) { bytes }
        // The whole text report, and the streamed reports of `batten audit --format json|text`.
        var whole = ReportOutput()
        var text = TextReporter()
        text.write(Report(result: result, threshold: policy.failOn), into: &whole)
        var streamed = ReportOutput { _ in }
        var json = JSONReporter()
        _ = analyzer.stream(request, into: &json, output: &streamed, threshold: policy.failOn, readStandardInput: { bytes })
        var textStream = TextReporter()
        _ = analyzer.stream(request, into: &textStream, output: &streamed, threshold: policy.failOn, readStandardInput: { bytes })
        let outcome = FixSession(selection: FixSelection(upTo: .known)).runUntilStable(result) { overlay, variables in
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            patched.environment.merge(variables) { current, _ in current }
            return analyzer.run(patched) { overlay[name] ?? bytes }
        }
        for patch in outcome.changedPatches {
            _ = UnifiedDiff.render(old: patch.original, new: patch.patched, path: patch.path)
        }
    }
}
