import Foundation
import Testing

/// The release archive `Scripts/release.sh` writes, for tests that check the shipped binary without
/// building it: `$BATTEN_RELEASE_ARCHIVE` (set by `.ci/run`, which builds it, so that a missing
/// archive fails there), else `dist/batten-VERSION-x86_64-linux.tar.gz` when it exists. Tests that
/// need it are skipped without it.
struct ReleaseArchive: Sendable {
    var archive: URL

    static let requiredPath: String? = {
        let path = ProcessInfo.processInfo.environment["BATTEN_RELEASE_ARCHIVE"] ?? ""
        return path.isEmpty ? nil : path
    }()

    static let missing = "no release archive: run Scripts/release.sh (or set BATTEN_RELEASE_ARCHIVE)"

    /// The archive's name for this version.
    static func name(version: String) -> String { "batten-\(version)-x86_64-linux.tar.gz" }

    static let located: ReleaseArchive? = {
        if let required = requiredPath { return ReleaseArchive(archive: URL(fileURLWithPath: required)) }
        guard let root = try? CLIHarness.packageRoot(), let version = try? sourceVersion() else { return nil }
        let url = root.appendingPathComponent("dist").appendingPathComponent(name(version: version))
        return FileManager.default.fileExists(atPath: url.path) ? ReleaseArchive(archive: url) : nil
    }()

    /// The version in Sources/Batten/Batten.swift, as the release script reads it.
    static func sourceVersion() throws -> String {
        let source = try CLIHarness.read(try CLIHarness.packageRoot().appendingPathComponent("Sources/Batten/Batten.swift"))
        let marker = "static let current = \""
        let start = try #require(source.range(of: marker))
        let rest = source[start.upperBound...]
        let end = try #require(rest.firstIndex(of: "\""))
        return String(rest[..<end])
    }

    /// Unpacks the archive into a new temporary directory and returns that directory.
    func unpack() throws -> URL {
        let directory = try CLIHarness.temporaryDirectory("release")
        let run = try Self.tool("/bin/tar", ["-xzf", archive.path, "-C", directory.path])
        #expect(run.status == 0, "tar: \(run.stderr)")
        return directory
    }

    /// Runs a system tool and captures its output.
    static func tool(_ path: String, _ arguments: [String]) throws -> CLIHarness.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = CLIHarness.environment
        return try CLIHarness.capture(process)
    }
}
