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
        let data = Data(text.utf8)
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
}
