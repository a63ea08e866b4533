@testable import Batten

/// The JSON report built whole as a ``JSONValue`` tree, field by field as docs/json-format.md lists
/// them: the straightforward form of what ``JSONReporter`` writes straight to bytes, kept here as the
/// reference the writer is compared with.
enum ReferenceJSONDocument {
    static func document(_ report: Report) -> JSONValue {
        return .object([
            ("version", .int(JSONReporter.version)),
            ("tool", .object([("name", .string("batten")), ("version", .string(report.toolVersion))])),
            (
                "policy",
                .object([
                    ("name", .string(report.result.policy.name)),
                    ("failOn", .string(report.threshold.rawValue)),
                ])
            ),
            ("findings", .array(report.findings.map { finding($0, report: report) })),
            ("errors", .array(report.errors.map(JSONReporter.diagnostic))),
            ("warnings", .array(report.diagnostics.filter { $0.level == .warning }.map(JSONReporter.diagnostic))),
            ("workloads", .array(report.workloads.map { workload($0, report: report) })),
            ("baseline", report.baseline.map(JSONReporter.baseline) ?? .null),
            ("summary", JSONReporter.summary(report)),
        ])
    }

    static func finding(_ finding: Finding, report: Report) -> JSONValue {
        let location = finding.location
        let region = report.region(of: finding)
        let rule = report.rule(finding.ruleID)
        let target = finding.target
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
            (
                "target",
                .object([
                    ("format", .string(target.format.rawValue)),
                    ("kind", .string(target.kind)),
                    ("name", .string(target.name)),
                    ("namespace", .string(target.namespace)),
                    ("container", .string(target.container)),
                ])
            ),
            ("setting", .string(finding.setting)),
            ("fingerprint", .string(FindingFingerprint.of(finding))),
            (
                "fix",
                finding.fix.map { fix -> JSONValue in
                    let reason: JSONValue = fix.reason.map(JSONValue.string) ?? .null
                    return .object([("kind", .string(fix.kind.rawValue)), ("title", .string(fix.title)), ("reason", reason)])
                } ?? .null
            ),
            (
                "suppressed",
                finding.suppression.map { suppression in
                    .object([("source", .string(suppression.source.rawValue)), ("reason", .string(suppression.reason))])
                } ?? .null
            ),
            ("notes", .array(finding.notes.map(JSONValue.string))),
            ("references", .array((rule?.references ?? []).map { .string($0.text) })),
        ])
    }

    static func workload(_ workload: WorkloadSummary, report: Report) -> JSONValue {
        .object([
            ("format", .string(workload.format.rawValue)),
            ("kind", .string(workload.kind)),
            ("name", .string(workload.name)),
            ("namespace", .string(workload.namespace)),
            ("file", .string(workload.path)),
            ("line", .int(workload.line)),
            ("containers", .array(workload.containers.map { .string($0) })),
            (
                "families",
                .object(
                    report.familyResults(for: workload).map { family, passed in
                        (family.rawValue, passed.map { .string($0 ? "pass" : "fail") } ?? .null)
                    })
            ),
        ])
    }
}
