/// The machine-readable report described in `docs/json-format.md`: every finding (suppressed ones
/// included and marked), the input errors, the workloads with their control families, the baseline
/// comparison, and a summary. Written as it goes through one ``JSONWriter``: the head at
/// ``begin(_:into:)``, each finding as it comes, the rest at ``finish(_:into:)``.
public struct JSONReporter: Reporter {
    /// The format version; it changes only when a field changes meaning or disappears.
    public static let version = 1

    /// Bytes the writer gathers before they go to the output.
    private static let pieceSize = 65_536

    private var json = JSONWriter(capacity: Self.pieceSize + 16_384)
    private var findingWriter = JSONFindingWriter()

    public init() {}

    /// The findings come with their ends already pulled back over trailing blanks, or with the
    /// files to do it: no source line is quoted.
    public var quotesSource: Bool { false }

    /// The document up to the `findings` array, opened: `version`, `tool` and `policy`.
    public mutating func begin(_ context: Report, into output: inout ReportOutput) {
        findingWriter = JSONFindingWriter(context: context)
        json.beginObject()
        json.key("version")
        json.int(Self.version)
        json.key("tool")
        json.beginObject()
        json.key("name")
        json.string("batten")
        json.key("version")
        json.string(context.toolVersion)
        json.endObject()
        json.key("policy")
        json.beginObject()
        json.key("name")
        json.string(context.result.policy.name)
        json.key("failOn")
        json.string(context.threshold.rawValue)
        json.endObject()
        json.key("findings")
        json.beginArray()
        output.append(&json)
    }

    /// Appends the findings as items of the `findings` array.
    public mutating func write(_ findings: [Finding], of part: AnalysisPart, into output: inout ReportOutput) {
        var files = RunLookup<String, JSONFindingWriter.File>()
        for finding in findings {
            let file = files.value(for: finding.location.path) { JSONFindingWriter.File(path: $0, source: part.sources[$0]) }
            findingWriter.write(finding, file: file, into: &json)
            if json.bytes.count >= Self.pieceSize { output.append(&json) }
        }
        output.append(&json)
    }

    /// Closes the findings and writes errors, warnings, workloads, baseline and summary.
    public mutating func finish(_ report: Report, into output: inout ReportOutput) {
        json.endArray()
        json.key("errors")
        JSONValue.array(report.errors.map(Self.diagnostic)).write(into: &json)
        json.key("warnings")
        JSONValue.array(report.diagnostics.filter { $0.level == .warning }.map(Self.diagnostic)).write(into: &json)
        json.key("workloads")
        json.beginArray()
        for workload in report.workloads {
            Self.write(workload, report: report, into: &json)
            if json.bytes.count >= Self.pieceSize { output.append(&json) }
        }
        json.endArray()
        json.key("baseline")
        (report.baseline.map(Self.baseline) ?? .null).write(into: &json)
        json.key("summary")
        Self.summary(report).write(into: &json)
        json.endObject()
        json.endLine()
        output.append(&json)
    }

    /// One item of the `workloads` array.
    static func write(_ workload: WorkloadSummary, report: Report, into json: inout JSONWriter) {
        json.beginObject()
        json.key("format")
        json.string(workload.format.rawValue)
        json.key("kind")
        json.string(workload.kind)
        json.key("name")
        json.string(workload.name)
        json.key("namespace")
        json.string(workload.namespace)
        json.key("file")
        json.string(workload.path)
        json.key("line")
        json.int(workload.line)
        json.key("containers")
        json.beginArray()
        for container in workload.containers { json.string(container) }
        json.endArray()
        json.key("families")
        json.beginObject()
        for (family, passed) in report.familyResults(for: workload) {
            json.key(named: family.rawValue)
            json.string(passed.map { $0 ? "pass" : "fail" })
        }
        json.endObject()
        json.endObject()
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

    static func summary(_ report: Report) -> JSONValue {
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
