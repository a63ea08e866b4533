/// A chosen finding whose fix a generated override or overlay does not carry, and why.
///
/// A fix that an override cannot express by nature, and that the README says so of (a misspelt key:
/// Compose rejects it before any override applies, so it is renamed with `batten fix`), is a note. Any
/// other chosen fix left out refuses the override (``OverrideRefusal/uncarried(_:)``).
public struct SkippedFix: Sendable {
    public var finding: Finding
    /// Why the fix is not carried (it cannot be expressed there, or does not apply to the merged values).
    public var reason: String
    /// True when no override can carry the fix, as documented: a note, not a refusal.
    public var isInherent: Bool

    public init(finding: Finding, reason: String, isInherent: Bool = false) {
        self.finding = finding
        self.reason = reason
        self.isInherent = isInherent
    }
}
