import Foundation
import Testing

@testable import Batten

/// Writes replace the file in one rename, keep its mode, follow symbolic links, and skip unchanged files.
struct AtomicFileWriterTests {
    static func scratch() throws -> URL {
        try TemporaryDirectory.make("write")
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

    @Test func theTemporaryFileIsPrivateUntilItTakesTheOldMode() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("compose.yaml").path
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(chmod(file, 0o644) == 0)
        var modesWhileWriting: [mode_t] = []
        try AtomicFileWriter.replace(file) { sink in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where name.hasPrefix(".compose.yaml.batten-") {
                var info = stat()
                if stat(directory.appendingPathComponent(name).path, &info) == 0 { modesWhileWriting.append(info.st_mode & 0o7777) }
                #expect(TemporaryFileRegistry.shared.registered.contains(directory.appendingPathComponent(name).path))
            }
            Array("a: 2\n".utf8).withUnsafeBytes(sink)
        }
        #expect(modesWhileWriting == [0o600])
        var info = stat()
        #expect(stat(file, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o644)
        #expect(!TemporaryFileRegistry.shared.registered.contains { $0.hasPrefix(directory.path) })
    }

    @Test func keepsTheSetuidAndSetgidBits() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("tool.yaml").path
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(chmod(file, 0o6755) == 0)
        var before = stat()
        #expect(stat(file, &before) == 0)
        // The bits stay, or (a setgid group the process is not in) the write is refused and says why.
        do {
            #expect(try AtomicFileWriter.write(Array("a: 2\n".utf8), to: file))
            var after = stat()
            #expect(stat(file, &after) == 0)
            #expect(after.st_mode & 0o7777 == before.st_mode & 0o7777)
        } catch let error as AtomicFileWriter.WriteError {
            #expect(error.description.contains("set"))
            #expect(FileManager.default.contents(atPath: file) == Data("a: 1\n".utf8))
        }
    }

    @Test func aHardLinkedFileIsEditedInPlace() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("compose.yaml").path
        let link = directory.appendingPathComponent("linked.yaml").path
        try Data("a: 1\nb: 2\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(Foundation.link(file, link) == 0)
        var before = stat()
        #expect(stat(file, &before) == 0)
        #expect(try AtomicFileWriter.write(Array("a: 3\n".utf8), to: file))
        var after = stat()
        #expect(stat(file, &after) == 0)
        #expect(after.st_ino == before.st_ino)
        #expect(after.st_nlink == 2)
        #expect(FileManager.default.contents(atPath: link) == Data("a: 3\n".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(leftovers == ["compose.yaml", "linked.yaml"], "a temporary file was left behind")
    }

    @Test func everyErrorNamesItsFile() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/report.json"
        do {
            try AtomicFileWriter.write(Array("x".utf8), to: missing)
            Issue.record("writing into a missing directory succeeded")
        } catch let error as AtomicFileWriter.WriteError {
            #expect(error.description.contains("report.json"))
            #expect(error.path.hasSuffix("report.json"))
        }
    }
}
