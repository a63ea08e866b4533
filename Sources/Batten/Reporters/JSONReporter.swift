/// The machine-readable report described in `docs/json-format.md`: every finding (suppressed ones
/// included and marked), the input errors, the workloads with their control families, the baseline
/// comparison, and a summary.
///
/// The text is written straight to bytes (``bytes(_:)``), findings on `jobs` threads; only the
/// small parts (errors, baseline, summary) go through ``JSONValue``.
public struct JSONReporter: Reporter {
    /// The format version; it changes only when a field changes meaning or disappears.
    public static let version = 1

    /// Threads that render the findings; the text does not depend on it.
    public var jobs: Int

    /// Findings per block of work on a thread.
    let findingsPerBlock: Int

    public init(jobs: Int = 1) {
        self.init(jobs: jobs, findingsPerBlock: 512)
    }

    init(jobs: Int, findingsPerBlock: Int) {
        self.jobs = max(1, jobs)
        self.findingsPerBlock = max(1, findingsPerBlock)
    }

    public func render(_ report: Report) -> String {
        String(decoding: bytes(report), as: UTF8.self)
    }

    /// The text of ``render(_:)`` as UTF-8 bytes, without the copy into a `String`.
    public func bytes(_ report: Report) -> [UInt8] {
        var writer = JSONWriter(capacity: Self.estimatedSize(report))
        write(report, into: &writer) { _ in }
        return writer.bytes
    }

    /// Hands the text of ``render(_:)`` to `sink` in order, in pieces of about `chunkSize` bytes
    /// (more when a window of findings rendered on several threads is larger), so that the whole
    /// report is never held in memory.
    public func write(_ report: Report, chunkSize: Int = 1 << 22, to sink: (UnsafeRawBufferPointer) -> Void) {
        let limit = max(1, chunkSize)
        var writer = JSONWriter(capacity: limit + 65_536)
        write(report, into: &writer) { output in
            if output.bytes.count >= limit { output.drain(sink) }
        }
        writer.drain(sink)
    }

    /// An upper estimate of the report's size; reserved, so that the buffer is not copied as it grows.
    /// Reserved pages that are never written cost address space, not memory.
    static func estimatedSize(_ report: Report) -> Int {
        65_536 + report.findings.count * 2_048 + report.workloads.count * 1_024
    }

    /// Writes the whole document, pretty, and a final line break; `flush` is called between findings
    /// and between workloads, where the text written so far may be handed on.
    func write(_ report: Report, into output: inout JSONWriter, flush: (inout JSONWriter) -> Void) {
        writeHead(report, into: &output)
        writeFindings(report, into: &output, flush: flush)
        writeTail(report, into: &output, flush: flush)
    }

    /// The document up to the `findings` array: `{`, `version`, `tool`, `policy` and the key `findings`.
    func writeHead(_ report: Report, into output: inout JSONWriter) {
        output.byte(UInt8(ascii: "{"))
        output.key("version", first: true, indent: 2)
        output.int(Self.version)
        output.key("tool", first: false, indent: 2)
        JSONValue.object([("name", .string("batten")), ("version", .string(report.toolVersion))])
            .write(into: &output, indent: 2)
        output.key("policy", first: false, indent: 2)
        JSONValue.object([("name", .string(report.result.policy.name)), ("failOn", .string(report.threshold.rawValue))])
            .write(into: &output, indent: 2)
        output.key("findings", first: false, indent: 2)
    }

    /// The document after the `findings` array: errors, warnings, workloads, baseline, summary, `}`.
    func writeTail(_ report: Report, into output: inout JSONWriter, flush: (inout JSONWriter) -> Void) {
        output.key("errors", first: false, indent: 2)
        JSONValue.array(report.errors.map(Self.diagnostic)).write(into: &output, indent: 2)
        output.key("warnings", first: false, indent: 2)
        JSONValue.array(report.diagnostics.filter { $0.level == .warning }.map(Self.diagnostic))
            .write(into: &output, indent: 2)
        output.key("workloads", first: false, indent: 2)
        writeWorkloads(report, into: &output, flush: flush)
        output.key("baseline", first: false, indent: 2)
        (report.baseline.map(Self.baseline) ?? .null).write(into: &output, indent: 2)
        output.key("summary", first: false, indent: 2)
        summary(report).write(into: &output, indent: 2)
        output.close(UInt8(ascii: "}"), indent: 0)
        output.byte(0x0A)
    }

    /// The `findings` array, two spaces deep. With more than one job, blocks of findings are
    /// rendered on `jobs` threads a window at a time and appended in report order.
    func writeFindings(_ report: Report, into output: inout JSONWriter, flush: (inout JSONWriter) -> Void) {
        let findings = report.findings
        guard !findings.isEmpty else {
            output.raw("[]")
            return
        }
        output.byte(UInt8(ascii: "["))
        if jobs <= 1 || findings.count <= findingsPerBlock {
            var writer = JSONFindingWriter(report: report)
            for index in findings.indices {
                writer.write(findings[index], first: index == 0, into: &output)
                flush(&output)
            }
        } else {
            let size = findingsPerBlock
            let window = size * jobs * 4
            var start = 0
            while start < findings.count {
                let end = min(start + window, findings.count)
                let blocks = stride(from: start, to: end, by: size).map { $0..<min($0 + size, end) }
                let pieces = ParallelWork.map(blocks, jobs: jobs) { range in
                    var piece = JSONWriter(capacity: range.count * 2_048)
                    var writer = JSONFindingWriter(report: report)
                    for index in range {
                        writer.write(findings[index], first: index == 0, into: &piece)
                    }
                    return piece
                }
                for piece in pieces { output.append(piece) }
                flush(&output)
                start = end
            }
        }
        output.close(UInt8(ascii: "]"), indent: 2)
    }

    /// The `workloads` array, two spaces deep.
    func writeWorkloads(_ report: Report, into output: inout JSONWriter, flush: (inout JSONWriter) -> Void) {
        let workloads = report.workloads
        guard !workloads.isEmpty else {
            output.raw("[]")
            return
        }
        output.byte(UInt8(ascii: "["))
        for (index, workload) in workloads.enumerated() {
            output.separator(first: index == 0, indent: 4)
            output.byte(UInt8(ascii: "{"))
            output.key("format", first: true, indent: 6)
            output.string(workload.format.rawValue)
            output.key("kind", first: false, indent: 6)
            output.string(workload.kind)
            output.key("name", first: false, indent: 6)
            output.string(workload.name)
            output.key("namespace", first: false, indent: 6)
            output.string(workload.namespace)
            output.key("file", first: false, indent: 6)
            output.string(workload.path)
            output.key("line", first: false, indent: 6)
            output.int(workload.line)
            output.key("containers", first: false, indent: 6)
            if workload.containers.isEmpty {
                output.raw("[]")
            } else {
                output.byte(UInt8(ascii: "["))
                for (position, container) in workload.containers.enumerated() {
                    output.separator(first: position == 0, indent: 8)
                    output.string(container)
                }
                output.close(UInt8(ascii: "]"), indent: 6)
            }
            output.key("families", first: false, indent: 6)
            let families = report.familyResults(for: workload)
            if families.isEmpty {
                output.raw("{}")
            } else {
                output.byte(UInt8(ascii: "{"))
                for (position, (family, passed)) in families.enumerated() {
                    output.key(family.rawValue, first: position == 0, indent: 8)
                    if let passed {
                        if passed { output.raw("\"pass\"") } else { output.raw("\"fail\"") }
                    } else {
                        output.null()
                    }
                }
                output.close(UInt8(ascii: "}"), indent: 6)
            }
            output.close(UInt8(ascii: "}"), indent: 4)
            flush(&output)
        }
        output.close(UInt8(ascii: "]"), indent: 2)
    }

    static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("file", .string(diagnostic.path)),
            ("line", diagnostic.position.map { .int($0.line) } ?? .null),
            ("column", diagnostic.position.map { .int($0.column) } ?? .null),
            ("message", .string(diagnostic.message)),
        ])
    }

    static func baseline(_ outcome: BaselineOutcome) -> JSONValue {
        .object([
            ("file", .string(outcome.path)),
            ("recorded", .int(outcome.recorded)),
            ("matched", .int(outcome.matched)),
            ("fixed", .array(outcome.fixed.map { $0.json() })),
        ])
    }

    func summary(_ report: Report) -> JSONValue {
        .object([
            ("findings", .int(report.activeCount)),
            ("suppressed", .int(report.suppressedCount)),
            ("bySeverity", .object(Severity.allCases.reversed().map { ($0.rawValue, .int(report.severityTotals[$0] ?? 0)) })),
            ("failing", .int(report.failingCount)),
            ("workloads", .int(report.workloads.count)),
            ("errors", .int(report.errors.count)),
            ("threshold", .string(report.threshold.rawValue)),
            ("passed", .bool(report.passes)),
        ])
    }
}
