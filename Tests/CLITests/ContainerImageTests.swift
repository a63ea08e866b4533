import Foundation
import Testing

/// The repository's Dockerfile passes Batten's own rules: a Compose service that builds it with the
/// settings the README's `docker run` examples can add has no finding from the image (it runs as
/// a non-root user and has a health check), only the read-only mount of the audited project.
struct ContainerImageTests {
    @Test func imagePassesBattensOwnRules() throws {
        let root = try CLIHarness.packageRoot()
        let directory = try CLIHarness.temporaryDirectory("image")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("project"), withIntermediateDirectories: true)
        let compose = """
            services:
              batten:
                build: \(root.path)
                command: ["audit", "."]
                read_only: true
                cap_drop: [ALL]
                security_opt: ["no-new-privileges:true"]
                deploy:
                  resources:
                    limits: {cpus: "1.0", memory: 512M, pids: 100}
                volumes:
                  - ./project:/work:ro

            """
        try Data(compose.utf8).write(to: directory.appendingPathComponent("compose.yaml"))
        let run = try CLIHarness.run(["audit", directory.path, "--color", "never", "--policy", "production"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let findings = run.stdout.split(separator: "\n").filter { $0.hasPrefix(directory.path) }
        #expect(findings.count == 1, "\(run.stdout)")
        #expect(findings.first?.contains("low[bind-mount]") == true, "\(run.stdout)")
        #expect(findings.first?.contains("read-only into /work") == true, "\(run.stdout)")
    }
}
