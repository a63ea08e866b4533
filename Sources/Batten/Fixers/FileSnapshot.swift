import Foundation

/// What a file looked like when Batten read it: its identity, size and modification time. Taken
/// right after the analysis, before the fixes are worked out, so that a fix of content the user
/// changed meanwhile is never written over the change (``PatchWriter``).
public struct FileSnapshot: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modifiedSeconds: Int
    public var modifiedNanoseconds: Int

    /// The snapshot of the file at `path` (links followed), or nil when there is none to take.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modifiedSeconds = Int(info.st_mtimespec.tv_sec)
        modifiedNanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
    }

    /// Which file the snapshot is of.
    public var identity: FileIdentity { FileIdentity(device: device, inode: inode) }

    /// True when both name the same file (device and inode), whatever its content.
    public func isSameFile(as other: FileSnapshot) -> Bool {
        identity == other.identity
    }

    /// Why the file at `path` may not be replaced by a fix of `original`, the bytes Batten read when
    /// this snapshot was taken: it was deleted (it is not re-created), or its size, modification time
    /// or content changed. Nil when it is as it was.
    public func changeSinceRead(of path: String, original: [UInt8]) -> String? {
        guard let now = FileSnapshot(path: path) else {
            return "it was deleted after Batten read it; it is not re-created"
        }
        if now.size != size || now.modifiedSeconds != modifiedSeconds || now.modifiedNanoseconds != modifiedNanoseconds
            || !now.isSameFile(as: self)
        {
            return "it changed after Batten read it (size, modification time or identity); run batten fix again"
        }
        guard let content = FileManager.default.contents(atPath: path), [UInt8](content) == original else {
            return "its content changed after Batten read it; run batten fix again"
        }
        return nil
    }
}
