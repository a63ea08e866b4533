/// The Kubernetes release whose Pod Security Standards a policy follows: `latest`, or `v1.NN`.
/// Controls were added over releases; a policy may pin an older version.
public struct PSSVersion: Sendable, Hashable, CustomStringConvertible {
    /// The minor version (`29` for v1.29); nil for the latest.
    public var minor: Int?

    public init(minor: Int?) {
        self.minor = minor
    }

    public static let latest = PSSVersion(minor: nil)

    /// Parses `latest`, `v1.29` or `1.29`.
    public init?(_ text: String) {
        if text == "latest" {
            self.minor = nil
            return
        }
        let trimmed = text.hasPrefix("v") ? String(text.dropFirst()) : text
        let parts = trimmed.split(separator: ".")
        guard parts.count == 2, parts[0] == "1", let minor = Int(parts[1]), minor >= 0 else { return nil }
        self.minor = minor
    }

    /// True when controls introduced in v1.`minor` apply.
    public func includes(_ minor: Int) -> Bool {
        guard let own = self.minor else { return true }
        return own >= minor
    }

    /// True when the policy applies `control`: it pins no version, or one from the control's on.
    public func enforces(_ control: PSSControl) -> Bool { includes(control.introducedIn) }

    public var description: String { minor.map { "v1.\($0)" } ?? "latest" }
}
