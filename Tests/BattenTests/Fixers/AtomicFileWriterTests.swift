@testable import Batten
import Foundation
import Testing

/// Writes replace the file in one rename, keep its mode, follow symbolic links, and skip unchanged files.
struct AtomicFileWriterTests {
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("batten-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func keepsTheModeAndReplacesTheContents() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("compose.yaml").path
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(chmod(file, 0o640) == 0)
        #expect(try AtomicFileWriter.write(Array("a: 2\n".utf8), to: file))
        #expect(FileManager.default.contents(atPath: file) == Data("a: 2\n".utf8))
        var info = stat()
        #expect(stat(file, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["compose.yaml"], "a temporary file was left behind")
    }

    @Test func unchangedContentsAreNotWritten() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("x.yaml").path
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: file))
        var before = stat()
        #expect(stat(file, &before) == 0)
        #expect(try AtomicFileWriter.write(Array("a: 1\n".utf8), to: file) == false)
        var after = stat()
        #expect(stat(file, &after) == 0)
        #expect(before.st_ino == after.st_ino)
    }

    @Test func followsSymbolicLinks() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = directory.appendingPathComponent("real.yaml").path
        let link = directory.appendingPathComponent("link.yaml").path
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: real))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        #expect(try AtomicFileWriter.write(Array("a: 2\n".utf8), to: link))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(FileManager.default.contents(atPath: real) == Data("a: 2\n".utf8))
    }

    @Test func refusesWhatIsNotARegularFile() throws {
        #expect(throws: AtomicFileWriter.WriteError.self) {
            try AtomicFileWriter.write(Array("x".utf8), to: "/dev/null")
        }
    }
}
