import Foundation

/// The list of files Batten wrote into an overlay directory, with the SHA-256 of each as written:
/// `DIR/.batten-generated`. A file without Batten's header (a copy of an input in `resources/`)
/// may be replaced only when it is listed here and still holds what was written; a file edited by
/// hand, or one Batten never wrote, is left alone.
public struct GeneratedFilesManifest: Sendable, Equatable {
    /// The manifest's name in the overlay directory.
    public static let fileName = ".batten-generated"

    /// The SHA-256 (lower-case hex) of each file as written, by its path relative to the directory.
    public var digests: [String: String]

    public init(digests: [String: String] = [:]) {
        self.digests = digests
    }

    /// The manifest of `files`, given as paths relative to the directory and their bytes.
    public init(files: [(relative: String, bytes: [UInt8])]) {
        var digests: [String: String] = [:]
        for file in files { digests[file.relative] = Self.digest(file.bytes) }
        self.digests = digests
    }

    /// The manifest in `directory`; empty when there is none or it is not Batten's.
    public init(readingFrom directory: String) {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(Self.fileName).path
        guard let data = FileManager.default.contents(atPath: path), OverrideHeader.isGenerated([UInt8](data)) else {
            self.digests = [:]
            return
        }
        var digests: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].count == 64 else { continue }
            digests[String(parts[1]).trimmingCharacters(in: .whitespaces)] = String(parts[0])
        }
        self.digests = digests
    }

    /// True when the file at `relative` holds `bytes` as Batten wrote them.
    public func recorded(_ relative: String, holds bytes: [UInt8]) -> Bool {
        digests[relative] == Self.digest(bytes)
    }

    /// The manifest as written: a header, then `DIGEST PATH` lines in path order.
    public func render(command: String) -> [UInt8] {
        let header = OverrideHeader(lines: [
            OverrideHeader.generatedLine(command: command),
            "The files batten wrote in this directory, with the SHA-256 of each: a listed file that still holds",
            "what was written may be replaced by the next run; any other file is left alone.",
        ])
        let body = digests.keys.sorted().map { "\(digests[$0] ?? "") \($0)\n" }.joined()
        return Array((header.render() + body).utf8)
    }

    static func digest(_ bytes: [UInt8]) -> String {
        SHA256Digest.hex(bytes)
    }
}
