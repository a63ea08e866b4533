import Foundation

/// The files a run read, by identity (device and inode), whoever read them: the walk, a Compose
/// `include` or `extends`, an `env_file`, a Dockerfile. A report or baseline written after the
/// analysis checks its target against it, so that it never overwrites a file the run found only
/// while loading. Shared by the copies of a ``FileReader``; safe to use from every thread.
public final class FileReadLog: @unchecked Sendable {
    private let lock = NSLock()
    private var identities = Set<FileIdentity>()

    public init() {}

    /// Records the file behind an open descriptor's `fstat`.
    func record(_ info: stat) {
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        lock.lock()
        identities.insert(identity)
        lock.unlock()
    }

    /// True when the run read the file at `path` (links followed).
    public func contains(_ path: String) -> Bool {
        guard let identity = FileIdentity(path: path) else { return false }
        lock.lock()
        defer { lock.unlock() }
        return identities.contains(identity)
    }
}
