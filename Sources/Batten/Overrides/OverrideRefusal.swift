/// Why no override or overlay was produced: nothing is written then.
public struct OverrideRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a sentence for the user.
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "not generated: \(reason)" }
}
