import Foundation

/// Writes a file atomically: the new bytes go to a temporary file beside it, which takes the old
/// file's permissions and then replaces it with one rename. Unchanged contents are not written.
public enum AtomicFileWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Replaces `path` with `bytes`; returns false when the file already held them. A symbolic link
    /// is followed: the file it points at is replaced, the link stays. Only regular files are
    /// replaced.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String) throws -> Bool {
        let path = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var kind = stat()
        if stat(path, &kind) == 0, kind.st_mode & S_IFMT != S_IFREG {
            throw WriteError(path: path, reason: "not a regular file")
        }
        if let current = FileManager.default.contents(atPath: path), [UInt8](current) == bytes { return false }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var info = stat()
        let existing = stat(path, &info) == 0
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).batten-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
            throw WriteError(path: path, reason: "cannot create a temporary file in \(directory.path)")
        }
        if existing {
            _ = chmod(temporary.path, info.st_mode & 0o7777)
            _ = chown(temporary.path, info.st_uid, info.st_gid)
        }
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: reason)
        }
        return true
    }
}
