import Foundation

/// Writes a file atomically: the new bytes go to a temporary file beside it, which takes the old
/// file's owner and permissions and then replaces it with one rename (a file with several hard
/// links is edited in place instead, see ``replace(_:_:)``). Unchanged contents are not written.
public enum AtomicFileWriter {
    public struct WriteError: Error, CustomStringConvertible, LocalizedError {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
        public var errorDescription: String? { reason }
    }

    /// A file that must not be replaced: it changed (or went away) after Batten read it. The file is
    /// left as it is, and nothing else was written.
    public struct ChangedSinceRead: Error, CustomStringConvertible {
        public let path: String
        /// Why, as ``FileSnapshot/changeSinceRead(of:original:)`` says it.
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// What the file to replace must still be when it is replaced: as Batten read it.
    public struct ReadState: Sendable {
        public var snapshot: FileSnapshot
        public var original: [UInt8]

        public init(snapshot: FileSnapshot, original: [UInt8]) {
            self.snapshot = snapshot
            self.original = original
        }
    }

    /// Replaces `path` with `bytes`; returns false when the file already held them. A symbolic link
    /// is followed: the file it points at is replaced, the link stays. Only regular files are
    /// replaced. With `unchangedSince`, the file is replaced only if it is still as it was read,
    /// checked without a window for an edit to slip in (see ``replace(_:unchangedSince:beforeReplacing:_:)``);
    /// otherwise ``ChangedSinceRead`` is thrown. `beforeReplacing` runs right before the file is
    /// replaced (a test hook).
    @discardableResult
    public static func write(
        _ bytes: [UInt8], to path: String, unchangedSince read: ReadState? = nil, beforeReplacing: (() -> Void)? = nil
    ) throws -> Bool {
        let path = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var kind = stat()
        if stat(path, &kind) == 0, kind.st_mode & S_IFMT != S_IFREG {
            throw WriteError(path: path, reason: "not a regular file")
        }
        if let current = FileManager.default.contents(atPath: path), [UInt8](current) == bytes { return false }
        try replace(path, unchangedSince: read, beforeReplacing: beforeReplacing) { sink in bytes.withUnsafeBytes(sink) }
        return true
    }

    /// Replaces the regular file at `path` (or creates it) with what `body` hands its sink, piece by
    /// piece: into a temporary file beside it, then renamed over it. The first failed write stops the
    /// writing; nothing is replaced then, and the temporary file is removed. `path` is taken as it is
    /// (a symbolic link at it would be replaced).
    ///
    /// The promises: the temporary file is created readable by its owner only (0600; a new file gets
    /// 0666 less the umask) and takes the old file's owner, then its mode, only once written, so that
    /// no one else can read a private file's new content meanwhile; setuid and setgid bits are kept,
    /// or the write refused when they cannot be (another owner, a group the process is not in); the
    /// temporary file is flushed to disk (`fsync`) before the rename, and the directory after it; it
    /// is registered with ``TemporaryFileRegistry`` while it exists, for an interrupted command to
    /// remove. A file with several hard links is edited in place through the link, so that every
    /// name keeps seeing the same file: the verified temporary copy is written into the file's own
    /// inode and then removed (should that write fail, the copy is kept and the error names it).
    /// Every error names `path`.
    ///
    /// With `unchangedSince`, the file at `path` must still be as it was read (size, modification
    /// time, identity and content), or ``ChangedSinceRead`` is thrown and nothing is replaced. On
    /// Linux the check leaves no window: the new file and the old one swap names atomically
    /// (``RenameExchange``), the old one is then checked under its temporary name, and swapped back
    /// if it changed — an edit made before the swap shows in the old file, one made after it lands
    /// in the new file, which the user then sees. Where the swap is unavailable (another system, an
    /// old kernel, a filesystem that does not support it) the file is checked right before the
    /// rename instead, as it is for a file edited in place through its hard links: an edit in the
    /// instant between the two is lost.
    ///
    /// `approve` runs once the content is complete, before anything is replaced: when it throws,
    /// nothing is, the temporary file is removed and the error is thrown. `beforeReplacing` runs
    /// right before the replacement itself (a test hook).
    public static func replace(
        _ path: String, unchangedSince read: ReadState? = nil, approve: (() throws -> Void)? = nil,
        beforeReplacing: (() -> Void)? = nil, _ body: (_ sink: (UnsafeRawBufferPointer) -> Void) -> Void
    ) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var info = stat()
        let existing = stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).batten-\(UUID().uuidString)").path
        let registry = TemporaryFileRegistry.shared
        registry.register(temporary)
        defer { registry.unregister(temporary) }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existing ? 0o600 : 0o666)
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: "cannot create a temporary file in \(directory.path): \(String(cString: strerror(errno)))")
        }
        var failure: String?
        do {
            try write(to: FileHandle(fileDescriptor: descriptor, closeOnDealloc: false), body)
        } catch {
            failure = error.localizedDescription
        }
        if failure == nil, existing { failure = takeOwnerAndMode(of: info, descriptor: descriptor) }
        if failure == nil, fsync(descriptor) != 0 { failure = "cannot flush it to disk: \(String(cString: strerror(errno)))" }
        if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, let approve {
            do {
                try approve()
            } catch {
                unlink(temporary)
                throw error
            }
        }
        if failure == nil {
            beforeReplacing?()
            if existing && info.st_nlink > 1 {
                if let read, let reason = read.snapshot.changeSinceRead(of: path, original: read.original) {
                    unlink(temporary)
                    throw ChangedSinceRead(path: path, reason: reason)
                }
                registry.unregister(temporary)
                if let problem = copyInPlace(from: temporary, to: path) {
                    throw WriteError(path: path, reason: "\(problem); the new content is kept in \(temporary)")
                }
                unlink(temporary)
                return
            }
            if let read {
                failure = try exchange(temporary, path, unchangedSince: read)
            } else if rename(temporary, path) != 0 {
                failure = String(cString: strerror(errno))
            }
        }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
        syncDirectory(directory.path)
    }

    /// Puts `temporary` in the place of `path` if the file there is still as it was read: swapped in,
    /// then the old file checked and swapped back if it changed (``RenameExchange``); where the swap
    /// is unavailable, checked and then renamed over. Throws ``ChangedSinceRead`` when it changed (the
    /// temporary file removed); returns the reason of another failure, or nil once replaced.
    private static func exchange(_ temporary: String, _ path: String, unchangedSince read: ReadState) throws -> String? {
        switch RenameExchange.swap(temporary, path) {
        case .swapped:
            // `temporary` names the old file now, which an interrupted run must leave, not remove:
            // it must be the one read, with the content read.
            TemporaryFileRegistry.shared.unregister(temporary)
            guard let reason = read.snapshot.changeSinceRead(of: temporary, original: read.original) else {
                unlink(temporary)
                return nil
            }
            guard RenameExchange.swap(temporary, path) == .swapped else {
                return "it changed after Batten read it, and putting it back failed (\(String(cString: strerror(errno)))): "
                    + "the file as changed is kept in \(temporary)"
            }
            unlink(temporary)
            throw ChangedSinceRead(path: path, reason: reason)
        case .failed(let code) where code != ENOENT:
            return String(cString: strerror(code))
        case .failed, .unavailable:
            // No atomic swap here (or no file to swap with): check, then rename.
            if let reason = read.snapshot.changeSinceRead(of: path, original: read.original) {
                unlink(temporary)
                throw ChangedSinceRead(path: path, reason: reason)
            }
            return rename(temporary, path) != 0 ? String(cString: strerror(errno)) : nil
        }
    }

    /// Gives the temporary file at `descriptor` the owner, then the mode, of the file it replaces
    /// (in that order: a change of owner clears the setuid and setgid bits). Returns why the file
    /// must not replace the old one, or nil.
    private static func takeOwnerAndMode(of old: stat, descriptor: Int32) -> String? {
        let mode = old.st_mode & 0o7777
        let special = mode & (S_ISUID | S_ISGID)
        // Not being allowed to give the file away is fine for an ordinary file: it becomes the
        // writer's own, as any edit by the user would.
        _ = fchown(descriptor, old.st_uid, old.st_gid)
        if fchmod(descriptor, mode) != 0 { return "cannot set its mode \(String(mode, radix: 8)): \(String(cString: strerror(errno)))" }
        var now = stat()
        guard fstat(descriptor, &now) == 0 else { return String(cString: strerror(errno)) }
        guard special != 0 else { return nil }
        let bits = special == S_ISUID | S_ISGID ? "setuid and setgid bits" : special == S_ISUID ? "setuid bit" : "setgid bit"
        if now.st_mode & 0o7777 != mode || now.st_uid != old.st_uid || now.st_gid != old.st_gid {
            return "refused: it has the \(bits) and belongs to \(old.st_uid):\(old.st_gid); "
                + "its replacement could not keep both the bits and the owner (run as that owner, or clear the bits first)"
        }
        return nil
    }

    /// Writes the content of `temporary` into the file at `path` itself (same inode, so every hard
    /// link sees it), truncates it to that length and flushes it. Returns why it failed, or nil.
    private static func copyInPlace(from temporary: String, to path: String) -> String? {
        let source = open(temporary, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { return "cannot reopen the temporary file: \(String(cString: strerror(errno)))" }
        defer { close(source) }
        let target = open(path, O_WRONLY | O_CLOEXEC)
        guard target >= 0 else { return "cannot open it to edit it in place (it has several hard links): \(String(cString: strerror(errno)))" }
        defer { close(target) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var total = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(source, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return "cannot read the temporary file: \(String(cString: strerror(errno)))" }
            if count == 0 { break }
            var written = 0
            while written < count {
                let result = chunk.withUnsafeBytes { Foundation.write(target, $0.baseAddress.map { $0 + written }, count - written) }
                if result < 0 && errno == EINTR { continue }
                if result <= 0 { return "cannot write it in place (it has several hard links): \(String(cString: strerror(errno)))" }
                written += result
            }
            total += count
        }
        if ftruncate(target, off_t(total)) != 0 || fsync(target) != 0 {
            return "cannot finish writing it in place (it has several hard links): \(String(cString: strerror(errno)))"
        }
        return nil
    }

    /// Flushes the directory entry of a rename to disk, where the system allows it.
    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
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
