import Foundation
import Testing

@testable import Batten

/// A file fixed in place is replaced only if it is still as Batten read it, checked without a window:
/// the new file is swapped in and the old one checked afterwards (``RenameExchange``), and swapped
/// back when an edit came in right before the replacement.
@Suite struct AtomicExchangeTests {
    static let original = Array("a: 1\n".utf8)
    static let fixed = Array("a: 2\n".utf8)

    /// A file holding ``original`` in a new directory, and what Batten read of it.
    static func file() throws -> (directory: URL, path: String, read: AtomicFileWriter.ReadState) {
        let directory = try AtomicFileWriterTests.scratch()
        let path = directory.appendingPathComponent("compose.yaml").path
        try Data(original).write(to: URL(fileURLWithPath: path))
        let snapshot = try #require(FileSnapshot(path: path))
        return (directory, path, AtomicFileWriter.ReadState(snapshot: snapshot, original: original))
    }

    static func entries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func anUnchangedFileIsReplaced() throws {
        let (directory, path, read) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try AtomicFileWriter.write(Self.fixed, to: path, unchangedSince: read))
        #expect(FileManager.default.contents(atPath: path) == Data(Self.fixed))
        #expect(try Self.entries(directory) == ["compose.yaml"], "the old file or the temporary one was left behind")
    }

    /// The edit comes in once the checks before the write are done, right before the replacement:
    /// in place (same file) or by a rename of the editor's own (another file).
    @Test(arguments: [false, true])
    func anEditRightBeforeTheReplacementIsKept(byRename: Bool) throws {
        let (directory, path, read) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let edited = Data("a: 1\n# edited meanwhile\n".utf8)
        #expect(throws: AtomicFileWriter.ChangedSinceRead.self) {
            try AtomicFileWriter.write(Self.fixed, to: path, unchangedSince: read) {
                if byRename {
                    let other = directory.appendingPathComponent("editor-save").path
                    FileManager.default.createFile(atPath: other, contents: edited)
                    rename(other, path)
                } else {
                    let handle = FileHandle(forWritingAtPath: path)
                    handle?.write(edited)
                    try? handle?.close()
                }
            }
        }
        #expect(FileManager.default.contents(atPath: path) == edited, "the edit was written over")
        #expect(try Self.entries(directory) == ["compose.yaml"], "a temporary file was left behind")
    }

    @Test func aFileDeletedRightBeforeTheReplacementIsNotRecreated() throws {
        let (directory, path, read) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try AtomicFileWriter.write(Self.fixed, to: path, unchangedSince: read) { unlink(path) }
            Issue.record("the deleted file was written")
        } catch let refusal as AtomicFileWriter.ChangedSinceRead {
            #expect(refusal.reason.contains("deleted"), "\(refusal.reason)")
        }
        #expect(try Self.entries(directory).isEmpty, "the file was re-created or a temporary one was left behind")
    }

    @Test func theSwapExchangesTwoFiles() throws {
        let directory = try AtomicFileWriterTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a").path
        let b = directory.appendingPathComponent("b").path
        FileManager.default.createFile(atPath: a, contents: Data("A".utf8))
        FileManager.default.createFile(atPath: b, contents: Data("B".utf8))
        let outcome = RenameExchange.swap(a, b)
        #if os(Linux)
        // Every local filesystem of the test machines supports it; another one falls back.
        guard outcome != .unavailable else { return }
        #expect(outcome == .swapped)
        #expect(FileManager.default.contents(atPath: a) == Data("B".utf8))
        #expect(FileManager.default.contents(atPath: b) == Data("A".utf8))
        #else
        #expect(outcome == .unavailable)
        #endif
    }
}
