import Foundation
import Testing

/// `--format` / `--output` pairing and colour.
@Suite struct OutputOptionTests {
    @Test func twoReportsCannotShareStandardOutput() throws {
        let run = try CLIHarness.run(["audit", "Samples/compose/hardened", "--format", "json", "--format", "sarif"])
        #expect(run.status != 0 && run.status != 1)
        #expect(run.stderr.contains("only one report can go to standard output"), "\(run.stderr)")
    }

    @Test func moreOutputsThanFormatsIsAnError() throws {
        let run = try CLIHarness.run(["audit", "Samples/compose/hardened", "--format", "json", "--output", "a.json", "--output", "b.json"])
        #expect(run.status != 0 && run.status != 1)
        #expect(run.stderr.contains("--output"), "\(run.stderr)")
    }

    @Test func theNthOutputBelongsToTheNthFormat() throws {
        let scratch = try CLIHarness.temporaryDirectory("pairs")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let junit = scratch.appendingPathComponent("a")
        let markdown = scratch.appendingPathComponent("b")
        let run = try CLIHarness.run([
            "audit", "--policy", "production", "Samples/compose/hardened", "--format", "junit", "--output", junit.path,
            "--format", "markdown", "--output", markdown.path, "--format", "github",
        ])
        #expect(run.status == 0)
        #expect(try CLIHarness.read(junit).hasPrefix("<?xml"))
        #expect(try CLIHarness.read(markdown).hasPrefix("## Batten"))
        #expect(run.stdout.isEmpty)
    }

    @Test func colourFollowsTheFlagAndNoColor() throws {
        let always = try CLIHarness.run(["audit", "--policy", "production", "--color", "always", "Samples/kubernetes/helm-rendered"])
        #expect(always.stdout.contains("\u{1B}["))
        var environment = CLIHarness.environment
        environment["NO_COLOR"] = "1"
        let auto = try CLIHarness.run(["audit", "--policy", "production", "Samples/kubernetes/helm-rendered"], environment: environment)
        #expect(!auto.stdout.contains("\u{1B}["))
        let never = try CLIHarness.run(["audit", "--policy", "production", "--color", "never", "Samples/kubernetes/helm-rendered"])
        #expect(!never.stdout.contains("\u{1B}["))
    }
}

/// Reports written into what is not a regular file go into it, never replace it.
@Suite struct OutputFileTests {
    @Test func aSymlinkStaysASymlink() throws {
        let scratch = try CLIHarness.temporaryDirectory("symlink")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let target = scratch.appendingPathComponent("target.json")
        try Data("old".utf8).write(to: target)
        let link = scratch.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let run = try CLIHarness.run(["audit", "--policy", "production", "Samples/compose/hardened", "--format", "json", "--output", link.path, "--force"])
        #expect(run.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try CLIHarness.read(target).hasPrefix("{"))
    }

    @Test func aPipeIsWrittenInto() throws {
        let scratch = try CLIHarness.temporaryDirectory("fifo")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let fifo = scratch.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let copy = scratch.appendingPathComponent("copy")
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat \"$0\" > \"$1\"", fifo.path, copy.path]
        try reader.run()
        let run = try CLIHarness.run(["audit", "--policy", "production", "Samples/compose/hardened", "--format", "junit", "--output", fifo.path])
        reader.waitUntilExit()
        #expect(run.status == 0, "\(run.stderr)")
        var status = stat()
        #expect(stat(fifo.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try CLIHarness.read(copy).hasPrefix("<?xml"))
    }
}
