import Foundation

/// The temporary files being written at this moment, so that a command interrupted by SIGINT or
/// SIGTERM can remove them before it ends (``AtomicFileWriter`` registers each one while it exists).
public final class TemporaryFileRegistry: @unchecked Sendable {
    /// The registry of the process.
    public static let shared = TemporaryFileRegistry()

    private let lock = NSLock()
    private var paths: Set<String> = []

    public init() {}

    /// Records `path` as a temporary file to remove if the process is interrupted.
    public func register(_ path: String) {
        lock.withLock { _ = paths.insert(path) }
    }

    /// Forgets `path`: it was renamed into place, removed, or must be kept.
    public func unregister(_ path: String) {
        lock.withLock { _ = paths.remove(path) }
    }

    /// The registered paths, in no particular order.
    public var registered: [String] {
        lock.withLock { Array(paths) }
    }

    /// Removes every registered file and forgets them; the lock stays held, so that no writer
    /// registers (or renames) another one while the process ends.
    public func removeAllAndHold() {
        lock.lock()
        for path in paths { unlink(path) }
        paths.removeAll()
    }
}
