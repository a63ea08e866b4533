import Foundation
import Testing

/// `batten override` carries every chosen fix or refuses: a plaintext secret in list-form
/// `environment` of an image that reads no file form becomes a required variable of the override
/// (SecretMigrationTests covers the images that do), and a chosen fix that cannot be
/// carried refuses the command (exit 2), except a misspelt key, which no override can fix.
@Suite struct OverrideCarryTests {
    static let secret = "hunter2hunter2"

    static let listFormSecret = """
        services:
          db:
            image: example/db:16
            environment:
              - POSTGRES_USER=app
              - POSTGRES_PASSWORD=\(secret)

        """

    @Test func listFormSecretIsCarried() throws {
        let scratch = try CLIHarness.temporaryDirectory("override-env")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(Self.listFormSecret.utf8).write(to: scratch.appendingPathComponent("compose.yaml"))

        let run = try CLIHarness.run(["override", "--output", "prod.yaml", "compose.yaml"], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("not carried"), "\(run.stderr)")
        #expect(run.stderr.contains("set before starting the project: POSTGRES_PASSWORD"), "\(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains(Self.secret))
        let text = try CLIHarness.read(scratch.appendingPathComponent("prod.yaml"))
        #expect(text.contains("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"), "\(text)")
        #expect(text.contains("# Required variables (Compose refuses to start without them): POSTGRES_PASSWORD\n"), "\(text)")
        #expect(text.contains("plaintext-secret"), "\(text)")
        #expect(!text.contains(Self.secret))
    }

    /// Compose merges the mapping of the override into the list of the base by name: with the
    /// variable set the project loads with its value, without it Compose refuses.
    @Test(.enabled(if: ComposeCLI.located != nil || ComposeCLI.isCI, Comment(rawValue: ComposeCLI.missing)))
    func composeTakesTheCarriedSecretFromTheEnvironment() throws {
        guard let compose = ComposeCLI.located else {
            Issue.record(Comment(rawValue: "\(ComposeCLI.missing) (CI=true)"))
            return
        }
        let scratch = try CLIHarness.temporaryDirectory("override-env-compose")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(Self.listFormSecret.utf8).write(to: scratch.appendingPathComponent("compose.yaml"))
        let run = try CLIHarness.run(["override", "--output", "prod.yaml", "compose.yaml"], in: scratch)
        try #require(run.status == 0, "\(run.stderr)")

        let files = ["-f", "compose.yaml", "-f", "prod.yaml"]
        let config = try compose.run(files + ["config"], in: scratch, variables: ["POSTGRES_PASSWORD": "from-the-environment"])
        #expect(config.status == 0, "\(config.stderr)")
        #expect(config.stdout.contains("POSTGRES_PASSWORD: from-the-environment"), "\(config.stdout)")
        #expect(config.stdout.contains("POSTGRES_USER: app"), "\(config.stdout)")
        #expect(!config.stdout.contains(Self.secret), "\(config.stdout)")
        let unset = try compose.run(files + ["config"], in: scratch)
        #expect(unset.status != 0)
        #expect(unset.stderr.contains("POSTGRES_PASSWORD must be set"), "\(unset.stderr)")
    }

    /// Two Deployments of one `List` share their pod template through an anchor: the second one's
    /// template lies in the first, so a patch cannot reach it, and the overlay is refused.
    @Test func uncarriableFixRefusesTheOverlay() throws {
        let scratch = try CLIHarness.temporaryDirectory("override-uncarried")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(
            """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: a
              spec:
                selector:
                  matchLabels:
                    app: a
                template: &template
                  metadata:
                    labels:
                      app: a
                  spec:
                    containers:
                    - name: app
                      image: nginx:1.27
            - apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: b
              spec:
                selector:
                  matchLabels:
                    app: a
                template: *template

            """.utf8
        ).write(to: scratch.appendingPathComponent("list.yaml"))
        let run = try CLIHarness.run(["override", "--kustomize", "overlay", "list.yaml"], in: scratch)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("chosen fixes cannot be carried: "), "\(run.stderr)")
        #expect(run.stderr.contains("privilege-escalation Deployment b container app"), "\(run.stderr)")
        #expect(run.stderr.contains("cannot locate the edited mapping in the object"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("overlay/kustomization.yaml").path))
    }

    /// A misspelt key cannot be fixed by an override (Compose rejects the file before merging), as
    /// the README says: a note pointing at `batten fix`, and the rest is carried.
    @Test func misspeltKeyStaysANote() throws {
        let scratch = try CLIHarness.temporaryDirectory("override-misspelt")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(
            """
            services:
              app:
                image: postgres:16
                read_onyl: true

            """.utf8
        ).write(to: scratch.appendingPathComponent("compose.yaml"))
        let run = try CLIHarness.run(["override", "compose.yaml"], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("not carried: misspelt-field service app"), "\(run.stderr)")
        #expect(run.stderr.contains("(`batten fix`)"), "\(run.stderr)")
        #expect(run.stdout.contains("no-new-privileges:true"), "\(run.stdout)")
    }
}
