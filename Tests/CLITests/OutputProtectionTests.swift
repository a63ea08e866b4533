import Foundation
import Testing

/// A report or a baseline never overwrites an input of the run, nor a file that is not Batten's own
/// (`--force` for that); a broken baseline is a located error and the report still comes out; an
/// interrupted run leaves no temporary file.
@Suite struct OutputProtectionTests {
    /// A copy of the webapp sample in a temporary directory.
    static func project() throws -> URL {
        let scratch = try CLIHarness.temporaryDirectory("protect")
        let target = scratch.appendingPathComponent("project")
        try FileManager.default.copyItem(
            at: try CLIHarness.packageRoot().appendingPathComponent("Samples/compose/webapp"), to: target)
        return target
    }

    static func contents(_ url: URL) -> Data? { FileManager.default.contents(atPath: url.path) }

    @Test(arguments: [
        ["--write-baseline", "compose.yaml"],
        ["--format", "json", "--output", "compose.yaml"],
        ["--format", "json", "--output", "compose.yaml", "--force"],
        ["--format", "sarif", "--output", "other.yaml", "--force"],
    ])
    func anInputIsNeverOverwritten(_ arguments: [String]) throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let compose = project.appendingPathComponent("compose.yaml")
        let other = project.appendingPathComponent("other.yaml")
        try Data("services: {}\n".utf8).write(to: other)
        let before = Self.contents(compose)
        let run = try CLIHarness.run(["audit", "--policy", "production"] + arguments + ["."], in: project)
        #expect(run.status == 64, "\(run.stderr)")
        let target = arguments.contains("other.yaml") ? "other.yaml" : "compose.yaml"
        #expect(run.stderr.contains("refusing to write to \(target): it is an input of this run"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(Self.contents(compose) == before)
        #expect(Self.contents(other) == Data("services: {}\n".utf8))
    }

    @Test func anInputNamedByItsOwnPathOrAFlagIsNeverOverwritten() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        try Data("A=1\n".utf8).write(to: project.appendingPathComponent("vars.env"))
        for arguments in [
            ["-f", "compose.yaml", "--format", "json", "--output", "compose.yaml"],
            ["-f", "compose.yaml", "--env-file", "vars.env", "--format", "json", "--output", "vars.env", "--force"],
            ["compose.yaml", "--write-baseline", "./compose.yaml", "--force"],
        ] {
            let run = try CLIHarness.run(["audit", "--policy", "production"] + arguments, in: project)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("it is an input of this run"), "\(run.stderr)")
        }
        #expect(Self.contents(project.appendingPathComponent("vars.env")) == Data("A=1\n".utf8))
    }

    /// Files found only while loading — an `env_file` of a service, an `include`d Compose file outside
    /// the directory named — are inputs too, for a streamed report (json, text) as for the others,
    /// even with `--force`.
    @Test(arguments: [
        ["--format", "json", "--output", "extra.env", "--force"],
        ["--format", "text", "--output", "extra.env", "--force"],
        ["--format", "junit", "--output", "extra.env", "--force"],
        ["--format", "json", "--output", "../shared/more.yaml", "--force"],
        ["--write-baseline", "../shared/more.yaml", "--force"],
    ])
    func aFileFoundWhileLoadingIsNeverOverwritten(_ arguments: [String]) throws {
        let scratch = try CLIHarness.temporaryDirectory("protect-loaded")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let project = scratch.appendingPathComponent("project")
        let shared = scratch.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let compose = "include:\n  - ../shared/more.yaml\nservices:\n  web:\n    image: nginx:1.27\n    env_file: extra.env\n"
        let more = "services:\n  cache:\n    image: redis:7\n    privileged: true\n"
        let env = "MODE=production\n"
        try Data(compose.utf8).write(to: project.appendingPathComponent("compose.yaml"))
        try Data(more.utf8).write(to: shared.appendingPathComponent("more.yaml"))
        try Data(env.utf8).write(to: project.appendingPathComponent("extra.env"))

        let run = try CLIHarness.run(["audit", "--policy", "production"] + arguments + ["."], in: project)
        let target = arguments.contains("extra.env") ? "extra.env" : "../shared/more.yaml"
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains("refusing to write to \(target): it is an input of this run"), "\(run.stderr)")
        #expect(Self.contents(project.appendingPathComponent("extra.env")) == Data(env.utf8))
        #expect(Self.contents(shared.appendingPathComponent("more.yaml")) == Data(more.utf8))
        let left = try FileManager.default.contentsOfDirectory(atPath: project.path) + FileManager.default.contentsOfDirectory(atPath: shared.path)
        #expect(!left.contains { $0.contains(".batten-") }, "a temporary file was left behind: \(left)")
    }

    @Test func aForeignFileIsOverwrittenOnlyWithForce() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let notes = project.appendingPathComponent("notes.txt")
        try Data("my notes\n".utf8).write(to: notes)
        let refused = try CLIHarness.run(["audit", "--policy", "production", "--format", "json", "--output", "notes.txt", "."], in: project)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("refusing to overwrite notes.txt: it exists and is not a batten json report"))
        #expect(refused.stderr.contains("--force"))
        #expect(Self.contents(notes) == Data("my notes\n".utf8))
        let baseline = try CLIHarness.run(["audit", "--policy", "production", "--write-baseline", "notes.txt", "."], in: project)
        #expect(baseline.status == 64)
        #expect(baseline.stderr.contains("is not a batten baseline"))
        #expect(Self.contents(notes) == Data("my notes\n".utf8))
        let forced = try CLIHarness.run(
            ["audit", "--policy", "production", "--format", "json", "--output", "notes.txt", "--force", "."], in: project)
        #expect(forced.status == 1, "\(forced.stderr)")
        #expect(try CLIHarness.read(notes).hasPrefix("{"))
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func aReportReplacesItsOwnEarlierReport(_ format: String) throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let arguments = ["audit", "--policy", "production", "--format", format, "--output", "../report", "."]
        let first = try CLIHarness.run(arguments, in: project)
        #expect(first.status == 1, "\(first.stderr)")
        let second = try CLIHarness.run(arguments, in: project)
        #expect(second.status == 1, "\(second.stderr)")
        let other = format == "json" ? "sarif" : "json"
        let mismatched = try CLIHarness.run(["audit", "--policy", "production", "--format", other, "--output", "../report", "."], in: project)
        #expect(mismatched.status == 64, "a \(format) report was taken for a \(other) one")
    }

    @Test func aBaselineCanBeRefreshedInPlace() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let write = try CLIHarness.run(["audit", "--policy", "production", "--write-baseline", "base.json", "."], in: project)
        #expect(write.status == 0, "\(write.stderr)")
        let refresh = try CLIHarness.run(
            ["audit", "--policy", "production", "--baseline", "base.json", "--write-baseline", "base.json", "."], in: project)
        #expect(refresh.status == 0, "\(refresh.stderr)")
        let overReport = try CLIHarness.run(
            ["audit", "--policy", "production", "--baseline", "base.json", "--format", "json", "--output", "base.json", "."], in: project)
        #expect(overReport.status == 64)
    }

    @Test func outputWithoutFormatIsAUsageError() throws {
        let run = try CLIHarness.run(["audit", "Samples/compose/hardened", "--output", "report.txt"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--output without --format"), "\(run.stderr)")
    }

    @Test func aCorruptBaselineIsALocatedErrorAndTheReportStillComesOut() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        try Data("{\n  \"version\": 1,\n  \"findings\": [,\n".utf8).write(to: project.appendingPathComponent("base.json"))
        for format in ["text", "json", "sarif"] {
            let run = try CLIHarness.run(
                ["audit", "--policy", "production", "--baseline", "base.json", "--format", format, "."], in: project)
            #expect(run.status == 2, "\(format): \(run.stderr)")
            #expect(run.stderr.range(of: #"base\.json:3:\d+: error: not a Batten baseline"#, options: .regularExpression) != nil, "\(run.stderr)")
            #expect(run.stdout.contains("privileged") || run.stdout.contains("plaintext-secret"), "\(format): no report")
        }
        let missing = try CLIHarness.run(["audit", "--policy", "production", "--baseline", "nope.json", "."], in: project)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json: error: cannot read the baseline file: no such file or directory"), "\(missing.stderr)")
        #expect(!missing.stdout.isEmpty)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func anInterruptedWriteLeavesNoTemporaryFile(_ signal: Int32) throws {
        let scratch = try CLIHarness.temporaryDirectory("signal")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = try CLIHarness.binary()
        process.arguments = ["audit", "--policy", "production", "--format", "json", "--output", scratch.appendingPathComponent("report.json").path, "-"]
        process.environment = CLIHarness.environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The report's temporary file exists while the run waits for standard input.
        var temporary: String?
        for _ in 0..<200 where temporary == nil {
            temporary = try FileManager.default.contentsOfDirectory(atPath: scratch.path).first { $0.contains(".batten-") }
            if temporary == nil { usleep(50_000) }
        }
        #expect(temporary != nil, "no temporary file appeared")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }
}
