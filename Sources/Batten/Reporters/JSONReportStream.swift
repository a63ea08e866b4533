/// The JSON report (``JSONReporter``) written while the analysis runs: the head first, then the
/// findings as each part of the input hands them on, then — once everything is counted — the
/// rest. The bytes are those ``JSONReporter`` writes for the same findings, handed to the sink a
/// few megabytes at a time, so that neither the findings nor the report are ever held whole.
public struct JSONReportStream {
    private let reporter = JSONReporter()
    /// A report without findings, for what every finding's line needs (the rules' titles and
    /// families); its policy and threshold are those of the final report.
    private let context: Report
    private var findingWriter: JSONFindingWriter
    private var output: JSONWriter
    private var wroteFinding = false
    private let chunkSize: Int
    private let sink: (UnsafeRawBufferPointer) -> Void

    /// Starts the document for a run of `policy` failing at `threshold`.
    public init(
        policy: ResolvedPolicy, threshold: Severity, chunkSize: Int = 1 << 22,
        to sink: @escaping (UnsafeRawBufferPointer) -> Void
    ) {
        let empty = AnalysisResult(loaded: LoadedInput(), policy: policy, findings: [])
        context = Report(result: empty, tally: FindingTally(threshold: threshold))
        findingWriter = JSONFindingWriter(report: context)
        self.chunkSize = max(1, chunkSize)
        output = JSONWriter(capacity: self.chunkSize + 65_536)
        self.sink = sink
        reporter.writeHead(context, into: &output)
    }

    /// Appends findings, in report order. Their ends must already be pulled back over trailing
    /// blanks (``AnalysisRetention/report(quotesSource:)`` does it): no source text is at hand here.
    public mutating func write(_ findings: [Finding]) {
        for finding in findings {
            if !wroteFinding { output.byte(UInt8(ascii: "[")) }
            findingWriter.write(finding, first: !wroteFinding, into: &output)
            wroteFinding = true
            if output.bytes.count >= chunkSize { output.drain(sink) }
        }
    }

    /// Closes the findings and writes the rest from `report` (its counts, workloads, errors and
    /// baseline), then hands on what is left.
    public mutating func finish(_ report: Report) {
        if wroteFinding {
            output.close(UInt8(ascii: "]"), indent: 2)
        } else {
            output.raw("[]")
        }
        reporter.writeTail(report, into: &output) { output in
            if output.bytes.count >= chunkSize { output.drain(sink) }
        }
        output.drain(sink)
    }
}
