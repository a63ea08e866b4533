/// One problem found in one workload.
public struct Finding: Sendable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    public var target: FindingTarget
    /// ``Workload/id`` of the workload the finding is about.
    public var workloadID: String
    /// What the finding is about inside the target, stable across edits (`securityContext.privileged`,
    /// `ports[127.0.0.1:8080:80]`, `environment.DB_PASSWORD`): part of the baseline fingerprint.
    public var setting: String
    public var fix: Fix?
    /// Set when a policy exemption or an inline suppression covers the finding.
    public var suppression: Suppression?
    /// Extra notes shown with the finding (an expired exemption, which file decided a value).
    public var notes: [String]

    public init(
        ruleID: String, severity: Severity, message: String, location: SourceLocation, target: FindingTarget,
        workloadID: String = "", setting: String, fix: Fix? = nil, suppression: Suppression? = nil, notes: [String] = []
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.location = location
        self.target = target
        self.workloadID = workloadID
        self.setting = setting
        self.fix = fix
        self.suppression = suppression
        self.notes = notes
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
