import Foundation
import Testing

/// `batten fix --write` and `--output DIR` never lose a file: outputs are decided for all inputs
/// before anything is written, a file in DIR that is not this input's fix is not replaced (unless
/// --force), a file changed or deleted while Batten ran is refused, and a failed write names its
/// file while the others are still written.
@Suite struct FixWriteSafetyTests {
    static let compose = """
        services:
          web:
            image: nginx:1.27
            privileged: true

        """

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func inputsWithOneOutputAreBothRefused() throws {
        let scratch = try CLIHarness.temporaryDirectory("fix-collision")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let work = scratch.appendingPathComponent("work")
        try Self.write(Self.compose, to: work.appendingPathComponent("x.yaml"))
        try Self.write(Self.compose.replacingOccurrences(of: "nginx", with: "httpd"), to: scratch.appendingPathComponent("x.yaml"))

        let run = try CLIHarness.run(["fix", "--output", "out", "x.yaml", "../x.yaml"], in: work)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("x.yaml: not fixed: its output"), "\(run.stderr)")
        #expect(run.stderr.contains("is also the output of ../x.yaml"), "\(run.stderr)")
        #expect(run.stderr.contains("0 written, 2 refused, 0 failed"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out/x.yaml").path))
    }

    @Test func foreignFileInTheOutputDirectoryIsKept() throws {
        let scratch = try CLIHarness.temporaryDirectory("fix-foreign")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Self.write(Self.compose, to: scratch.appendingPathComponent("compose.yaml"))
        let foreign = scratch.appendingPathComponent("out/compose.yaml")
        try Self.write("# my own notes\n", to: foreign)

        let run = try CLIHarness.run(["fix", "--output", "out", "compose.yaml"], in: scratch)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("exists and is not this file's fix"), "\(run.stderr)")
        #expect(run.stderr.contains("--force"), "\(run.stderr)")
        #expect(try CLIHarness.read(foreign) == "# my own notes\n")

        let forced = try CLIHarness.run(["fix", "--output", "out", "--force", "compose.yaml"], in: scratch)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try CLIHarness.read(foreign).contains("no-new-privileges:true"))
        #expect(forced.stderr.contains("1 written, 0 refused, 0 failed"), "\(forced.stderr)")

        // The output of the same input is Batten's own: a second run leaves it and succeeds.
        let again = try CLIHarness.run(["fix", "--output", "out", "compose.yaml"], in: scratch)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try CLIHarness.read(scratch.appendingPathComponent("compose.yaml")) == Self.compose, "the input stays as it was")
    }

    @Test func outputThatIsAnotherInputIsRefused() throws {
        let scratch = try CLIHarness.temporaryDirectory("fix-other-input")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Self.write(Self.compose, to: scratch.appendingPathComponent("a/compose.yaml"))
        try Self.write(Self.compose.replacingOccurrences(of: "nginx", with: "httpd"), to: scratch.appendingPathComponent("compose.yaml"))
        // compose.yaml would go to a/compose.yaml, which is another input of the run: never, even forced.
        let run = try CLIHarness.run(["fix", "--output", "a", "--force", "compose.yaml", "a/compose.yaml"], in: scratch)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("is the input a/compose.yaml of this run; choose another directory"), "\(run.stderr)")
        #expect(try CLIHarness.read(scratch.appendingPathComponent("a/compose.yaml")) == Self.compose)
        #expect(try CLIHarness.read(scratch.appendingPathComponent("a/a/compose.yaml")).contains("no-new-privileges:true"))
    }

    /// Runs `batten fix --write` with the write gate and calls `meanwhile` once the fix is worked out
    /// and before it is written (with `atReplace`, once the first file was checked and its new
    /// content written beside it, right before it is replaced).
    static func runGated(
        _ arguments: [String], in directory: URL, atReplace: Bool = false, meanwhile: () throws -> Void
    ) throws -> CLIHarness.Run {
        let gate = try CLIHarness.temporaryDirectory("gate")
        defer { try? FileManager.default.removeItem(at: gate) }
        var environment = CLIHarness.environment
        environment["BATTEN_TEST_WRITE_GATE"] = gate.path
        if atReplace { environment["BATTEN_TEST_WRITE_GATE_AT"] = "replace" }
        let process = Process()
        process.executableURL = try CLIHarness.binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let out = gate.appendingPathComponent("stdout")
        let err = gate.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let ready = gate.appendingPathComponent("ready").path
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: ready) && process.isRunning && Date() < deadline { usleep(10_000) }
        try meanwhile()
        _ = FileManager.default.createFile(atPath: gate.appendingPathComponent("go").path, contents: nil)
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return CLIHarness.Run(
            status: process.terminationStatus, stdout: try CLIHarness.read(out), stderr: try CLIHarness.read(err))
    }

    @Test func fileEditedWhileBattenRunsIsNotOverwritten() throws {
        let scratch = try CLIHarness.temporaryDirectory("fix-edited")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let a = scratch.appendingPathComponent("a.yaml")
        let b = scratch.appendingPathComponent("b.yaml")
        try Self.write(Self.compose, to: a)
        try Self.write(Self.compose, to: b)
        let edited = Self.compose + "# edited meanwhile\n"
        let run = try Self.runGated(["fix", "--write", "a.yaml", "b.yaml"], in: scratch) {
            try Data(edited.utf8).write(to: a)
        }
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.stderr.contains("a.yaml: not fixed: it changed after Batten read it") || run.stderr.contains("a.yaml: not fixed: its content changed"),
            "\(run.stderr)")
        #expect(try CLIHarness.read(a) == edited, "the user's edit is kept")
        #expect(try CLIHarness.read(b).contains("no-new-privileges:true"), "the other file is still written")
        #expect(run.stderr.contains("1 written, 1 refused, 0 failed"), "\(run.stderr)")
        #expect(run.stderr.contains("written: b.yaml"), "\(run.stderr)")
        #expect(run.stderr.contains("refused: a.yaml"), "\(run.stderr)")
    }

    /// The edit lands after every check before the write, right before the file is replaced: the
    /// swapped-out original shows it, and the file is swapped back.
    @Test func fileEditedRightBeforeTheReplacementIsNotOverwritten() throws {
        let scratch = try CLIHarness.temporaryDirectory("fix-edited-late")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let a = scratch.appendingPathComponent("compose.yaml")
        try Self.write(Self.compose, to: a)
        let edited = Self.compose + "# edited meanwhile\n"
        let run = try Self.runGated(["fix", "--write", "compose.yaml"], in: scratch, atReplace: true) {
            try Data(edited.utf8).write(to: a)
        }
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("compose.yaml: not fixed: it changed after Batten read it"), "\(run.stderr)")
        #expect(run.stderr.contains("0 written, 1 refused, 0 failed"), "\(run.stderr)")
        #expect(try CLIHarness.read(a) == edited, "the user's edit is kept")
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        #expect(left == ["compose.yaml"], "a temporary file was left behind: \(left)")
    }

    @Test func fileDeletedWhileBattenRunsIsNotRecreated() throws {
        let scratch = try CLIHarness.temporaryDirectory("fix-deleted")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let a = scratch.appendingPathComponent("compose.yaml")
        try Self.write(Self.compose, to: a)
        let run = try Self.runGated(["fix", "--write", "compose.yaml"], in: scratch) {
            try FileManager.default.removeItem(at: a)
        }
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("compose.yaml: not fixed: it was deleted after Batten read it; it is not re-created"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: a.path))
    }

    /// A write that fails names its file; the other file is still written and both are in the summary.
    @Test func failedWriteNamesItsFileAndTheRestContinue() throws {
        let scratch = try CLIHarness.temporaryDirectory("fix-failed")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Self.write(Self.compose, to: scratch.appendingPathComponent("a.yaml"))
        try Self.write(Self.compose, to: scratch.appendingPathComponent("b.yaml"))
        // out/a.yaml is a directory: it cannot be replaced by a file even with --force.
        try FileManager.default.createDirectory(
            at: scratch.appendingPathComponent("out/a.yaml"), withIntermediateDirectories: true)
        let run = try CLIHarness.run(["fix", "--output", "out", "--force", "a.yaml", "b.yaml"], in: scratch)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("out/a.yaml: not fixed: cannot write"), "\(run.stderr)")
        #expect(run.stderr.contains("1 written, 0 refused, 1 failed"), "\(run.stderr)")
        #expect(run.stderr.contains("failed: "), "\(run.stderr)")
        #expect(try CLIHarness.read(scratch.appendingPathComponent("out/b.yaml")).contains("no-new-privileges:true"))
    }
}
