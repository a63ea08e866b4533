import Batten
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
        try stream(to: path) { sink in data.withUnsafeBytes(sink) }
    }

    /// Writes what `body` hands its sink, piece by piece, to `path`: a regular (or new) file is
    /// replaced in one rename once complete (``AtomicFileWriter/replace(_:_:)``, symbolic links
    /// followed); anything else (`/dev/stdout`, `/dev/null`, a pipe), which a rename would replace,
    /// is written into. The first failed write stops the writing and is thrown once `body` returns.
    /// `approve` runs once a regular file's content is complete, before it replaces anything: when
    /// it throws, nothing is replaced and its error is thrown.
    static func stream(
        to path: String, approve: (() throws -> Void)? = nil, _ body: (_ sink: (UnsafeRawBufferPointer) -> Void) -> Void
    ) throws {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG else {
            let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            try AtomicFileWriter.replace(target, approve: approve, body)
            return
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try AtomicFileWriter.write(to: handle, body)
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
