/// The machine-readable report described in `docs/json-format.md`: every finding (suppressed ones
/// included and marked), the input errors, the workloads with their control families, the baseline
/// comparison, and a summary.
public struct JSONReporter: Reporter {
    /// The format version; it changes only when a field changes meaning or disappears.
    public static let version = 1

    public init() {}

    public func render(_ report: Report) -> String {
        document(report).render(pretty: true) + "\n"
    }

    /// The report as a JSON value.
    public func document(_ report: Report) -> JSONValue {
        .object([
            ("version", .int(Self.version)),
            ("tool", .object([("name", .string("batten")), ("version", .string(report.toolVersion))])),
            ("policy", .object([
                ("name", .string(report.result.policy.name)),
                ("failOn", .string(report.threshold.rawValue)),
            ])),
            ("findings", .array(report.findings.map { finding(of: $0, report: report) })),
            ("errors", .array(report.errors.map(Self.diagnostic))),
            ("warnings", .array(report.diagnostics.filter { $0.level == .warning }.map(Self.diagnostic))),
            ("workloads", .array(report.workloads.map { workload(of: $0, report: report) })),
            ("baseline", report.baseline.map(Self.baseline) ?? .null),
            ("summary", summary(report)),
        ])
    }

    func finding(of finding: Finding, report: Report) -> JSONValue {
        let location = finding.location
        let region = report.region(of: finding)
        let rule = report.rule(finding.ruleID)
        return .object([
            ("ruleId", .string(finding.ruleID)),
            ("title", .string(rule?.title)),
            ("severity", .string(finding.severity.rawValue)),
            ("family", .string(rule?.family.rawValue)),
            ("message", .string(finding.message)),
            ("file", .string(location.path)),
            ("line", .int(region.startLine)),
            ("column", .int(region.startColumn)),
            ("endLine", .int(region.endLine)),
            ("endColumn", .int(region.endColumn)),
            ("target", Self.target(finding.target)),
            ("setting", .string(finding.setting)),
            ("fingerprint", .string(FindingFingerprint.of(finding))),
            ("fix", finding.fix.map { fix in
                .object([("safety", .string(fix.safety.rawValue)), ("title", .string(fix.title))])
            } ?? .null),
            ("suppressed", finding.suppression.map { suppression in
                .object([("source", .string(suppression.source.rawValue)), ("reason", .string(suppression.reason))])
            } ?? .null),
            ("notes", .array(finding.notes.map(JSONValue.string))),
            ("references", .array((rule?.references ?? []).map { .string($0.text) })),
        ])
    }

    static func target(_ target: FindingTarget) -> JSONValue {
        .object([
            ("format", .string(target.format.rawValue)),
            ("kind", .string(target.kind)),
            ("name", .string(target.name)),
            ("namespace", .string(target.namespace)),
            ("container", .string(target.container)),
        ])
    }

    static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("file", .string(diagnostic.path)),
            ("line", diagnostic.position.map { .int($0.line) } ?? .null),
            ("column", diagnostic.position.map { .int($0.column) } ?? .null),
            ("message", .string(diagnostic.message)),
        ])
    }

    func workload(of workload: Workload, report: Report) -> JSONValue {
        .object([
            ("format", .string(workload.format.rawValue)),
            ("kind", .string(workload.kind)),
            ("name", .string(workload.name)),
            ("namespace", .string(workload.namespace)),
            ("file", .string(workload.location.path)),
            ("line", .int(workload.location.start.line)),
            ("containers", .array(workload.containers.map { .string($0.name) })),
            ("families", .object(report.familyResults(for: workload).map { family, passed in
                (family.rawValue, passed.map { .string($0 ? "pass" : "fail") } ?? .null)
            })),
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
            ("findings", .int(report.activeFindings.count)),
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
