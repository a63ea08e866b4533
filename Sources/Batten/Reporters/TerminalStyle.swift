/// ANSI styling for the text report, or none.
public struct TerminalStyle: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public static let plain = TerminalStyle(enabled: false)

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func green(_ text: String) -> String { wrap(text, "32") }

    func severity(_ text: String, _ level: Severity) -> String {
        switch level {
        case .critical: return wrap(text, "1;35")
        case .high: return wrap(text, "1;31")
        case .medium: return wrap(text, "33")
        case .low: return wrap(text, "36")
        case .info: return wrap(text, "2")
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
