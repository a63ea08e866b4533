import BattenYAML
import Foundation

/// Findings recorded at one point in time, so that later runs report only new ones.
///
/// The file is JSON: a `version`, then one entry per finding with its fingerprint and, for the
/// people who review the file, the rule, file, workload, container, setting and message. Entries
/// carry no line numbers: lines move without changing what is recorded.
public struct Baseline: Sendable, Hashable {
    /// The version this build writes and reads.
    public static let version = 1

    public var entries: [BaselineEntry]

    public init(entries: [BaselineEntry]) {
        self.entries = entries
    }

    /// A baseline of `findings`: those that count, and those that only an earlier baseline
    /// suppressed. One entry per fingerprint, sorted by file, workload, rule and setting.
    public init(recording findings: [Finding]) {
        var seen = Set<String>()
        var entries: [BaselineEntry] = []
        for finding in findings where finding.suppression == nil || finding.suppression?.source == .baseline {
            let entry = BaselineEntry(finding)
            if seen.insert(entry.fingerprint).inserted { entries.append(entry) }
        }
        self.entries = entries.sorted(by: BaselineEntry.fileOrder)
    }

    /// The fingerprints of the entries.
    public var fingerprints: Set<String> { Set(entries.map(\.fingerprint)) }

    /// The file as a JSON value.
    public func json() -> JSONValue {
        .object([
            ("version", .int(Self.version)),
            ("tool", .string("batten")),
            ("findings", .array(entries.map { $0.json() })),
        ])
    }

    /// The file's text.
    public func render() -> String { json().render(pretty: true) + "\n" }

    /// Reads a baseline file's bytes.
    public static func parse(_ bytes: [UInt8]) throws(BaselineError) -> Baseline {
        let file: BaselineFile
        do {
            file = try JSONDecoder().decode(BaselineFile.self, from: Data(bytes))
        } catch {
            // JSON is YAML: the YAML parser says where a syntax error is; a well-formed file of the wrong
            // shape is placed at its start.
            let syntax = YAMLParser.parse(SourceFile(path: "baseline", bytes: bytes)).error
            let position = syntax.map { $0.kind == .syntax ? $0.position : SourcePosition(offset: 0, line: 1, column: 1) }
            throw BaselineError("not a Batten baseline (\(Self.describe(error)))", position: position ?? SourcePosition(offset: 0, line: 1, column: 1))
        }
        guard file.version == Self.version else {
            throw BaselineError(
                "baseline version \(file.version) is not supported (this Batten reads version \(Self.version))",
                position: SourcePosition(offset: 0, line: 1, column: 1))
        }
        return Baseline(
            entries: file.findings.map { item in
                BaselineEntry(
                    fingerprint: item.fingerprint, ruleID: item.ruleId ?? "", file: item.file ?? "", workload: item.workload ?? "",
                    container: item.container, setting: item.setting ?? "", message: item.message ?? "")
            })
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing `\(key.stringValue)`" + path(context)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value" + path(context)
        case DecodingError.dataCorrupted:
            return "invalid JSON"
        default:
            return "unreadable"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "" : " at \(path)"
    }
}

/// One recorded finding.
public struct BaselineEntry: Sendable, Hashable {
    public var fingerprint: String
    public var ruleID: String
    public var file: String
    /// `service web`, `Deployment shop/api`.
    public var workload: String
    public var container: String?
    public var setting: String
    public var message: String

    public init(
        fingerprint: String, ruleID: String, file: String, workload: String, container: String?, setting: String,
        message: String
    ) {
        self.fingerprint = fingerprint
        self.ruleID = ruleID
        self.file = file
        self.workload = workload
        self.container = container
        self.setting = setting
        self.message = message
    }

    public init(_ finding: Finding) {
        var workload = finding.target
        workload.container = nil
        self.init(
            fingerprint: FindingFingerprint.of(finding), ruleID: finding.ruleID, file: finding.location.path,
            workload: workload.displayName, container: finding.target.container, setting: finding.setting,
            message: finding.message)
    }

    func json() -> JSONValue {
        .object([
            ("fingerprint", .string(fingerprint)),
            ("ruleId", .string(ruleID)),
            ("file", .string(file)),
            ("workload", .string(workload)),
            ("container", .string(container)),
            ("setting", .string(setting)),
            ("message", .string(message)),
        ])
    }

    static func fileOrder(_ lhs: BaselineEntry, _ rhs: BaselineEntry) -> Bool {
        (lhs.file, lhs.workload, lhs.container ?? "", lhs.ruleID, lhs.setting, lhs.fingerprint)
            < (rhs.file, rhs.workload, rhs.container ?? "", rhs.ruleID, rhs.setting, rhs.fingerprint)
    }
}

/// A baseline file that cannot be used.
public struct BaselineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Where in the file the problem is: the syntax error, else the start of the file.
    public var position: SourcePosition?

    public init(_ message: String, position: SourcePosition? = nil) {
        self.message = message
        self.position = position
    }

    public var description: String { message }
}

/// The file as decoded; only `version` and each `fingerprint` are required.
private struct BaselineFile: Decodable {
    struct Item: Decodable {
        var fingerprint: String
        var ruleId: String?
        var file: String?
        var workload: String?
        var container: String?
        var setting: String?
        var message: String?
    }

    var version: Int
    var findings: [Item]
}
