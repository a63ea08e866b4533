import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a report or a baseline: atomically (temporary file and rename) for a regular file or a
/// new one, straight into anything else (`/dev/stdout`, `/dev/null`, a pipe), which a rename
/// would replace.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `bytes` without copying them first.
    static func write(_ bytes: [UInt8], to path: String) throws {
        try withData(bytes) { try write($0, to: path) }
    }

    static func write(_ data: Data, to path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            return
        }
        if status.st_mode & S_IFMT == S_IFREG {
            try data.write(to: URL(fileURLWithPath: path).resolvingSymlinksInPath(), options: .atomic)
            return
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
    }

    /// Writes what `body` hands its sink, piece by piece, to `path`: into a temporary file beside a
    /// regular (or new) file and renamed over it once complete, straight into anything else. The
    /// first failed write stops the writing; the error is thrown once `body` returns, and a
    /// temporary file is removed.
    static func stream(to path: String, _ body: (_ sink: (UnsafeRawBufferPointer) -> Void) -> Void) throws {
        var status = stat()
        let exists = stat(path, &status) == 0
        let target = exists ? URL(fileURLWithPath: path).resolvingSymlinksInPath().path : path
        let replaces = !exists || status.st_mode & S_IFMT == S_IFREG
        let written = replaces ? temporaryPath(beside: target) : target
        let descriptor = replaces ? open(written, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) : open(written, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        do {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            var failure: Error?
            body { piece in
                guard failure == nil, let base = piece.baseAddress, !piece.isEmpty else { return }
                do {
                    try handle.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: piece.count, deallocator: .none))
                } catch {
                    failure = error
                }
            }
            try handle.close()
            if let failure { throw failure }
            if replaces {
                if exists { chmod(written, status.st_mode & 0o7777) }
                guard rename(written, target) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
        } catch {
            if replaces { unlink(written) }
            throw error
        }
    }

    /// A new file name in the directory of `path`.
    private static func temporaryPath(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).batten-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
    }

    /// `body` given a `Data` that shares the memory of `bytes` (a report can be hundreds of
    /// megabytes); the data must not outlive the call.
    static func withData<Result>(_ bytes: [UInt8], _ body: (Data) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return try body(Data()) }
            return try body(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none))
        }
    }
}
