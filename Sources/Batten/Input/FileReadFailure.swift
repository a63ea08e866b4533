import Foundation

/// Why a file could not be read, in words a diagnostic can quote after the file's name.
public enum FileReadFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing is at the path.
    case missing
    /// The path is a directory.
    case directory
    /// The path is a FIFO, a socket or a device (`kind` names which), never read unless asked.
    case notRegular(kind: String)
    /// The file holds more than `limit` bytes: `size` of them, or nil for a pipe that was cut off.
    case tooLarge(size: Int?, limit: Int)
    /// The system refused to open or read it (`reason` is its message, e.g. "Permission denied").
    case unreadable(reason: String)

    /// The message for a diagnostic on the file itself (`path: message`).
    public var description: String {
        switch self {
        case .missing: return "no such file or directory"
        case .tooLarge: return "file " + predicate
        default: return predicate
        }
    }

    /// What is wrong, to follow the file's name in a sentence ("env file .env is 1073741824 bytes,
    /// over the limit of 33554432 bytes").
    public var predicate: String {
        switch self {
        case .missing: return "does not exist"
        case .directory: return "is a directory"
        case .notRegular(let kind): return "is \(kind), not a regular file"
        case .tooLarge(let size?, let limit): return "is \(size) bytes, over the limit of \(limit) bytes"
        case .tooLarge(nil, let limit): return "gives more than the limit of \(limit) bytes (read up to the limit)"
        case .unreadable(let reason): return "cannot be read: \(reason)"
        }
    }

    /// The kind of a file that is not regular, from its `st_mode`; nil for a regular file or a directory.
    static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFREG, S_IFDIR: return nil
        default: return "a special file"
        }
    }
}
