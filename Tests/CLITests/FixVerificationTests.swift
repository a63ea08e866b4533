import Foundation
import Testing

/// `batten fix` judges each file by what its own patch fixes: projects that share a directory (and so
/// their services' ids) do not refuse each other, and a bind made read-only counts as fixed.
@Suite struct FixVerificationTests {
    /// Two Compose files given as two paths in one directory, each with a service `web`.
    static let nginx = """
        services:
          web:
            image: nginx:1.27
            privileged: true

        """
    static let redis = """
        services:
          web:
            image: redis:7
            ports:
              - "6379:6379"

        """

    @Test func sameNamedServicesOfTwoFilesAreBothFixed() throws {
        let scratch = try CLIHarness.temporaryDirectory("fix-same-name")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(Self.nginx.utf8).write(to: scratch.appendingPathComponent("a.yml"))
        try Data(Self.redis.utf8).write(to: scratch.appendingPathComponent("b.yml"))

        let run = try CLIHarness.run(["fix", "--include", "decisions", "--write", "a.yml", "b.yml"], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("not fixed"), "\(run.stderr)")
        #expect(run.stderr.contains(" in 2 files"), "\(run.stderr)")
        let a = try CLIHarness.read(scratch.appendingPathComponent("a.yml"))
        let b = try CLIHarness.read(scratch.appendingPathComponent("b.yml"))
        #expect(a.contains("privileged: false"), "\(a)")
        #expect(a.contains("no-new-privileges:true"), "\(a)")
        #expect(b.contains("\"127.0.0.1:6379:6379\""), "\(b)")
        #expect(b.contains("user: redis"), "\(b)")

        // Fixed files are fixed: a second run has nothing left to change.
        let again = try CLIHarness.run(["fix", "--include", "decisions", "a.yml", "b.yml"], in: scratch)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.isEmpty, "\(again.stdout)")
    }

    @Test func sameNamedServicesOfTwoDirectoriesAreBothFixed() throws {
        let scratch = try CLIHarness.temporaryDirectory("fix-two-dirs")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for (directory, text) in [("one", Self.nginx), ("two", Self.redis)] {
            let url = scratch.appendingPathComponent(directory)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url.appendingPathComponent("compose.yaml"))
        }
        let run = try CLIHarness.run(
            ["fix", "--include", "decisions", "--write", "one/compose.yaml", "two/compose.yaml"], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try CLIHarness.read(scratch.appendingPathComponent("one/compose.yaml")).contains("privileged: false"))
        #expect(try CLIHarness.read(scratch.appendingPathComponent("two/compose.yaml")).contains("user: redis"))
    }

    /// A writable absolute bind made read-only stays reported as a low finding without a fix: that
    /// is fixed, not refused. Binds of data (`/media`, `/var/log`) are kept writable and have no fix,
    /// so they refuse nothing either.
    @Test func absoluteBindIsMadeReadOnly() throws {
        let scratch = try CLIHarness.temporaryDirectory("fix-bind")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let compose = scratch.appendingPathComponent("compose.yaml")
        try Data(
            """
            services:
              app:
                image: example/app:1.0
                volumes:
                  - /srv/media:/media
                  - /var/log:/var/log
                  - /srv/exchange:/exchange

            """.utf8
        ).write(to: compose)
        let before = try CLIHarness.run(["audit", "compose.yaml"], in: scratch)
        #expect(before.stdout.contains("low[bind-mount] service app keeps data in the host path /srv/media"), "\(before.stdout)")
        #expect(before.stdout.contains("low[bind-mount] service app keeps data in the host path /var/log"), "\(before.stdout)")
        #expect(before.stdout.contains("medium[bind-mount] service app mounts the host path /srv/exchange writable"), "\(before.stdout)")

        let run = try CLIHarness.run(["fix", "--include", "decisions", "--write", "compose.yaml"], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("not fixed"), "\(run.stderr)")
        let text = try CLIHarness.read(compose)
        #expect(text.contains("- /srv/media:/media\n"), "data stays writable: \(text)")
        #expect(text.contains("- /var/log:/var/log\n"), "data stays writable: \(text)")
        #expect(text.contains("- /srv/exchange:/exchange:ro"), "\(text)")

        let after = try CLIHarness.run(["audit", "compose.yaml"], in: scratch)
        #expect(after.stdout.contains("low[bind-mount] service app mounts the host path /srv/exchange read-only"), "\(after.stdout)")
        #expect(!after.stdout.contains("medium[bind-mount]"), "\(after.stdout)")
    }
}
