import Foundation
import Testing

/// A distinctive fake secret written in every place a manifest can hold one never appears on any
/// output channel of any command.
@Suite struct SecretEverywhereTests {
    static let secret = "BATTEN-FAKE-SECRET-7f3a"

    /// The files of the project, each holding the secret somewhere else.
    static let files: [String: String] = [
        "compose.yaml": """
        services:
          db:
            image: postgres:16.4
            environment:
              DB_PASSWORD: \(secret)
          api:
            image: example/api:3.1
            environment: {API_TOKEN: \(secret), LOG_LEVEL: info}
            labels:
              example.auth-token: \(secret)
          cache:
            image: redis:7.2
            command: redis-server --requirepass \(secret) --port 6379
          web:
            image: example/web:1.0
            command: ["serve", "--password=\(secret)"]
        include:
          - extra.yaml

        """,
        "extra.yaml": """
        services:
          worker:
            image: example/worker:1.0
            environment:
              - WORKER_SECRET=\(secret)

        """,
        "k8s/secret.json": """
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"stringData":{"connection":"\(secret)"}}

        """,
        "k8s/pod.yaml": """
        apiVersion: v1
        kind: Pod
        metadata:
          name: cache
          annotations:
            example.com/auth-token: \(secret)
        spec:
          containers:
          - name: redis
            image: redis:7.2
            args: ["--requirepass", "\(secret)"]
            env:
            - {name: DB_PASSWORD, value: \(secret)}
          - name: app
            image: example/app:1.0
            args:
            - --password=\(secret)
            env:
            - name: API_TOKEN
              value: \(secret)

        """,
    ]

    static func project() throws -> URL {
        let directory = try CLIHarness.temporaryDirectory("secret-everywhere")
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return directory
    }

    static func expectNoSecret(_ run: CLIHarness.Run, _ what: String) {
        #expect(!run.stdout.contains(secret), "stdout of \(what) shows the secret:\n\(run.stdout)")
        #expect(!run.stderr.contains(secret), "stderr of \(what) shows the secret:\n\(run.stderr)")
    }

    @Test func auditInEveryFormatHidesTheSecret() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        for format in ["text", "json", "sarif", "junit", "github", "markdown"] {
            for paths in [["."], ["k8s"], ["compose.yaml"]] {
                let run = try CLIHarness.run(["audit", "--verbose", "--show-suppressed", "--format", format] + paths, in: directory)
                Self.expectNoSecret(run, "audit --format \(format) \(paths)")
            }
        }
    }

    @Test func fixDiffHidesTheSecret() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        for paths in [["."], ["k8s"], ["compose.yaml"]] {
            for include in [[], ["--include", "decisions"]] {
                let run = try CLIHarness.run(["fix", "--verbose"] + include + paths, in: directory)
                Self.expectNoSecret(run, "fix \(include) \(paths)")
            }
        }
        // The diff does show the lines around the secrets, masked.
        let run = try CLIHarness.run(["fix", "k8s"], in: directory)
        #expect(run.stdout.contains("args: [\"--requirepass\", ***"), "\(run.stdout)")
    }

    @Test func configMasksByDefaultAndShowsOnRequest() throws {
        let directory = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        for paths in [["compose.yaml"], ["k8s"], ["."]] {
            let run = try CLIHarness.run(["config", "--verbose"] + paths, in: directory)
            Self.expectNoSecret(run, "config \(paths)")
            #expect(run.stdout.contains("\"***\"") || run.stdout.contains("=***"), "config \(paths) masks nothing:\n\(run.stdout)")
        }
        let shown = try CLIHarness.run(["config", "--show-secrets", "compose.yaml"], in: directory)
        #expect(shown.stdout.contains(Self.secret))
    }

    @Test func brokenInterpolationDoesNotRepeatTheValue() throws {
        let directory = try CLIHarness.temporaryDirectory("secret-interpolation")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(
            """
            services:
              app:
                image: example/app:1.0
                environment:
                  DB_PASSWORD: "\(Self.secret)${"
                  API_TOKEN: \(Self.secret)${BROKEN

            """.utf8
        ).write(to: directory.appendingPathComponent("compose.yaml"))
        for command in [["audit"], ["audit", "--format", "json"], ["fix"], ["config"]] {
            let run = try CLIHarness.run(command + ["compose.yaml"], in: directory)
            #expect(run.status == 2, "\(command): \(run.status)")
            #expect(run.stderr.contains("invalid interpolation format"), "\(command):\n\(run.stderr)")
            Self.expectNoSecret(run, "\(command) with a broken interpolation")
        }
    }

    @Test func anIncludedFileThatIsNotYAMLIsNotQuoted() throws {
        let directory = try CLIHarness.temporaryDirectory("secret-include")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("https://someone:\(Self.secret)@git.example.com\n".utf8)
            .write(to: directory.appendingPathComponent(".git-credentials"))
        try Data("services:\n  app:\n    image: example/app:1.0\ninclude:\n  - .git-credentials\n".utf8)
            .write(to: directory.appendingPathComponent("compose.yaml"))
        try Data("services:\n  app:\n    image: example/app:1.0\n    extends:\n      file: .git-credentials\n      service: app\n".utf8)
            .write(to: directory.appendingPathComponent("extends.yaml"))
        for command in [
            ["audit", "compose.yaml"], ["audit", "extends.yaml"], ["audit", ".git-credentials"],
            ["config", "compose.yaml"], ["fix", "compose.yaml"],
        ] {
            let run = try CLIHarness.run(command, in: directory)
            Self.expectNoSecret(run, "\(command)")
            #expect(!run.stderr.contains("someone"), "\(command) quotes the file:\n\(run.stderr)")
            #expect(!run.stderr.contains("git.example.com"), "\(command) quotes the file:\n\(run.stderr)")
        }
    }
}
