/// A chosen finding whose fix a generated override or overlay does not carry, and why.
public struct SkippedFix: Sendable {
    public var finding: Finding
    /// Why the fix is not carried (it cannot be expressed there, or does not apply to the merged values).
    public var reason: String

    public init(finding: Finding, reason: String) {
        self.finding = finding
        self.reason = reason
    }
}
