/// The two manifest formats Batten understands.
public enum InputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case compose
    case kubernetes
}
