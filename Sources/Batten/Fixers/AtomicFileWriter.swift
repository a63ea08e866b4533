import Foundation

/// Writes a file atomically: the new bytes go to a temporary file beside it, which takes the old
/// file's permissions and then replaces it with one rename. Unchanged contents are not written.
public enum AtomicFileWriter {
    public struct WriteError: Error, CustomStringConvertible, LocalizedError {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
        public var errorDescription: String? { reason }
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
        try replace(path) { sink in bytes.withUnsafeBytes(sink) }
        return true
    }

    /// Replaces the regular file at `path` (or creates it) with what `body` hands its sink, piece by
    /// piece: into a temporary file beside it, given the old file's mode and owner, then renamed over
    /// it. The first failed write stops the writing; nothing is replaced then, and the temporary file
    /// is removed. `path` is taken as it is (a symbolic link at it would be replaced).
    public static func replace(_ path: String, _ body: (_ sink: (UnsafeRawBufferPointer) -> Void) -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var info = stat()
        let existing = stat(path, &info) == 0
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).batten-\(UUID().uuidString)").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: "cannot create a temporary file in \(directory.path): \(String(cString: strerror(errno)))")
        }
        var failure: String?
        do {
            try write(to: FileHandle(fileDescriptor: descriptor, closeOnDealloc: false), body)
        } catch {
            failure = error.localizedDescription
        }
        if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if existing {
            _ = chmod(temporary, info.st_mode & 0o7777)
            _ = chown(temporary, info.st_uid, info.st_gid)
        }
        if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
    }

    /// Hands `body` a sink that writes each piece to `handle`. The first failed write stops the
    /// writing; it is thrown once `body` returns.
    public static func write(to handle: FileHandle, _ body: (_ sink: (UnsafeRawBufferPointer) -> Void) -> Void) throws {
        var failure: Error?
        body { piece in
            guard failure == nil, let base = piece.baseAddress, !piece.isEmpty else { return }
            do {
                try handle.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: piece.count, deallocator: .none))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }
}
