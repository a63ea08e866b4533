/// One problem found in one workload.
public struct Finding: Sendable {
    public var ruleID: String {
        get { fields.read.pointee.ruleID }
        _modify { yield &fields.write.pointee.ruleID }
    }
    public var severity: Severity {
        get { fields.read.pointee.severity }
        _modify { yield &fields.write.pointee.severity }
    }
    public var message: String {
        get { fields.read.pointee.message }
        _modify { yield &fields.write.pointee.message }
    }
    public var location: SourceLocation {
        get { fields.read.pointee.location }
        _modify { yield &fields.write.pointee.location }
    }
    public var target: FindingTarget {
        get { fields.read.pointee.target }
        _modify { yield &fields.write.pointee.target }
    }
    /// ``Workload/id`` of the workload the finding is about.
    public var workloadID: String {
        get { fields.read.pointee.workloadID }
        _modify { yield &fields.write.pointee.workloadID }
    }
    /// What the finding is about inside the target, stable across edits (`securityContext.privileged`,
    /// `ports[127.0.0.1:8080:80]`, `environment.DB_PASSWORD`): part of the baseline fingerprint.
    public var setting: String {
        get { fields.read.pointee.setting }
        _modify { yield &fields.write.pointee.setting }
    }
    public var fix: Fix? {
        get { fields.read.pointee.fix }
        _modify { yield &fields.write.pointee.fix }
    }
    /// Set when a policy exemption or an inline suppression covers the finding.
    public var suppression: Suppression? {
        get { fields.read.pointee.suppression }
        _modify { yield &fields.write.pointee.suppression }
    }
    /// Extra notes shown with the finding (an expired exemption, which file decided a value).
    public var notes: [String] {
        get { fields.read.pointee.notes }
        _modify { yield &fields.write.pointee.notes }
    }

    public init(
        ruleID: String, severity: Severity, message: String, location: SourceLocation, target: FindingTarget,
        workloadID: String = "", setting: String, fix: Fix? = nil, suppression: Suppression? = nil, notes: [String] = []
    ) {
        fields = SharedFields(Fields(ruleID: ruleID, severity: severity, message: message, location: location, target: target, workloadID: workloadID, setting: setting, fix: fix, suppression: suppression, notes: notes))
    }

    /// The stored fields, shared by copies until one changes (``SharedFields``).
    private var fields: SharedFields<Fields>

    private struct Fields: Sendable {
        var ruleID: String
        var severity: Severity
        var message: String
        var location: SourceLocation
        var target: FindingTarget
        var workloadID: String
        var setting: String
        var fix: Fix?
        var suppression: Suppression?
        var notes: [String]
    }

    public var isSuppressed: Bool { suppression != nil }

    /// Sort order of every report: file, line, column, rule id, then message.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.location.path != rhs.location.path { return lhs.location.path < rhs.location.path }
        if lhs.location.line != rhs.location.line { return lhs.location.line < rhs.location.line }
        if lhs.location.column != rhs.location.column { return lhs.location.column < rhs.location.column }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.message < rhs.message
    }
}

/// Why a finding does not count.
public struct Suppression: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable, Codable {
        /// A policy exemption.
        case policy
        /// `x-batten.ignore` or a `batten.dev/ignore.*` annotation.
        case inline
        /// A baseline file.
        case baseline
    }

    public var source: Source
    public var reason: String

    public init(source: Source, reason: String) {
        self.source = source
        self.reason = reason
    }
}
