import BattenYAML

/// A message about the input rather than about a workload: a file that could not be read or parsed,
/// a Compose variable that is not set, a custom resource that was skipped.
public struct Diagnostic: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable, Codable, Comparable {
        /// Shown with `--verbose` only (a skipped custom resource, a file that is not a manifest).
        case note
        case warning
        /// The input could not be analysed: the run exits with 2.
        case error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    public var level: Level
    public var path: String
    /// Nil when the message is about the whole file (it could not be read).
    public var position: SourcePosition?
    public var message: String
    /// False when the file's lines must not be quoted under the message: a file that is not YAML
    /// (an `include` of a credentials file) may hold anything.
    public var quotesSource = true

    public init(level: Level, path: String, position: SourcePosition?, message: String) {
        self.level = level
        self.path = path
        self.position = position
        self.message = message
    }

    public init(_ error: YAMLError) {
        self.init(level: .error, path: error.path, position: error.position, message: error.fullMessage)
    }

    /// A diagnostic at a node.
    public init(_ level: Level, at node: NodeRef, _ message: String) {
        self.init(level: level, path: node.path, position: node.start, message: message)
    }

    /// `path:line:col: error: message` (or `path: error: message` without a position).
    public var description: String {
        if let position { return "\(path):\(position.line):\(position.column): \(level.rawValue): \(message)" }
        return "\(path): \(level.rawValue): \(message)"
    }

    public static func reportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        let left = lhs.position?.offset ?? -1
        let right = rhs.position?.offset ?? -1
        if left != right { return left < right }
        return lhs.message < rhs.message
    }
}
