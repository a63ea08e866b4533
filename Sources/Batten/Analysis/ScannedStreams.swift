import BattenYAML
import Foundation

/// Kubernetes files the ServiceAccount scan parsed, kept for their units so that they are not
/// parsed again. Each is handed out once (and then let go); what the store may hold is bounded by
/// the bytes of the files, since a parse tree takes several times the memory of its text.
final class ScannedStreams: @unchecked Sendable {
    /// How many bytes of files the store keeps the parse of, in all.
    static let defaultBudget = 8 << 20

    private let lock = NSLock()
    private var streams: [String: YAMLStream]

    init(_ streams: [String: YAMLStream] = [:]) {
        self.streams = streams
    }

    /// The kept parse of the file at `path`, which the store gives up.
    func take(_ path: String) -> YAMLStream? {
        lock.lock()
        defer { lock.unlock() }
        return streams.removeValue(forKey: path)
    }

    /// Number of parses kept and not yet taken.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return streams.count
    }
}
