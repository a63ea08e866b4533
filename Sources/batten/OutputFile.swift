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

    /// `body` given a `Data` that shares the memory of `bytes` (a report can be hundreds of
    /// megabytes); the data must not outlive the call.
    static func withData<Result>(_ bytes: [UInt8], _ body: (Data) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return try body(Data()) }
            return try body(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none))
        }
    }
}
