import Foundation

/// Reads files from disk, or from an overlay of replaced contents: the fixer re-audits patched
/// files through it before anything is written.
public struct FileReader: Sendable {
    /// Replaced contents by absolute, standardized path.
    public private(set) var overlay: [String: [UInt8]]

    /// `overlay` is keyed by paths as given (relative to the working directory, or absolute).
    public init(overlay: [String: [UInt8]] = [:]) {
        var table: [String: [UInt8]] = [:]
        for (path, bytes) in overlay { table[Self.absolute(path)] = bytes }
        self.overlay = table
    }

    public static let disk = FileReader()

    /// The contents of a file, or nil when it cannot be read.
    public func contents(atPath path: String) -> [UInt8]? {
        if !overlay.isEmpty, let bytes = overlay[Self.absolute(path)] { return bytes }
        return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// The size of a file in bytes, or nil.
    public func size(atPath path: String) -> Int? {
        if !overlay.isEmpty, let bytes = overlay[Self.absolute(path)] { return bytes.count }
        return ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
