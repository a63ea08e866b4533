import Foundation

/// Messages about the command itself (a report that cannot be written, a broken baseline file).
enum CommandError {
    static func print(_ message: String) {
        FileHandle.standardError.write(Data("batten: error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("batten: \(message)\n".utf8))
    }
}
