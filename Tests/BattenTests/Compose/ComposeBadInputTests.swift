import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Each bad input gives exactly one located problem, with the right text at the right line and
/// column, and the rest of the project still loads. A required variable that is not set is a
/// warning: the project is analysed with an empty value, so an audit in a pipeline without the
/// deployment's secrets still runs.
@Suite("Compose bad input")
struct ComposeBadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var location: String
        var message: String
        var level: Diagnostic.Level = .error
        var loaded: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "required variable unset",
            text: "services:\n  app:\n    image: \"app:${TAG:?set TAG first}\"\n  other:\n    image: other\n",
            location: "compose.yaml:3:12", message: "required variable TAG is missing a value: set TAG first",
            level: .warning, loaded: ["app", "other"]),
        Case(
            name: "required variable without message",
            text: "services:\n  app:\n    environment:\n      TOKEN: ${TOKEN?}\n    image: app\n",
            location: "compose.yaml:4:14", message: "required variable TOKEN is missing a value", level: .warning,
            loaded: ["app"]),
        Case(
            name: "ports as a mapping",
            text: "services:\n  app:\n    image: app\n    ports: {a: b}\n  other:\n    image: other\n",
            location: "compose.yaml:4:12", message: "services.app.ports must be a list, not a mapping",
            loaded: ["app", "other"]),
        Case(
            name: "services as a list",
            text: "services: []\nvolumes:\n  data: {}\n",
            location: "compose.yaml:1:11", message: "services must be a mapping, not a list", loaded: []),
        Case(
            name: "service as a scalar",
            text: "services:\n  app: nginx\n  other:\n    image: other\n",
            location: "compose.yaml:2:8", message: "services.app must be a mapping, not a string", loaded: ["other"]),
        Case(
            name: "top level not a mapping",
            text: "- services\n",
            location: "compose.yaml:1:1", message: "a Compose file must be a mapping at the top level, not a list",
            loaded: []),
        Case(
            name: "boolean field with a list",
            text: "services:\n  app:\n    image: app\n    privileged: [true]\n",
            location: "compose.yaml:4:17", message: "services.app.privileged must be a boolean, not a list", loaded: ["app"]),
        Case(
            name: "invalid port",
            text: "services:\n  app:\n    image: app\n    ports: [\"80\", \"http:80\"]\n",
            location: "compose.yaml:4:19", message: "services.app.ports: invalid host port http in \"http:80\"",
            loaded: ["app"]),
        Case(
            name: "invalid volume",
            text: "services:\n  app:\n    image: app\n    volumes:\n      - ./x:/y:ro:extra\n",
            location: "compose.yaml:5:9", message: "services.app.volumes: invalid volume \"./x:/y:ro:extra\": too many colons",
            loaded: ["app"]),
        Case(
            name: "cap_add item not a string",
            text: "services:\n  app:\n    image: app\n    cap_add:\n      - {name: X}\n",
            location: "compose.yaml:5:9", message: "services.app.cap_add items must be strings, not a mapping",
            loaded: ["app"]),
        Case(
            name: "invalid interpolation",
            text: "services:\n  app:\n    image: \"app:${}\"\n",
            location: "compose.yaml:3:12",
            message: "invalid interpolation format for services.app.image; write $$ for a literal $",
            loaded: ["app"]),
        Case(
            name: "YAML syntax error",
            text: "services:\n  app:\n    image: [app\n",
            location: "compose.yaml:4:1",
            message: "did not find expected ',' or ']' (while parsing a flow sequence at 3:12)", loaded: []),
        Case(
            name: "duplicate key",
            text: "services:\n  app:\n    image: a\n    image: b\n",
            location: "compose.yaml:4:5", message: "", loaded: []),
    ]

    @Test(arguments: cases)
    func oneLocatedError(_ testCase: Case) throws {
        let result = try ComposeTestProject.loadSingle(testCase.text)
        let problems = result.diagnostics.filter { $0.level == testCase.level }
        #expect(problems.count == 1, "\(result.diagnostics.map(\.description))")
        if testCase.level != .error { #expect(result.errors.isEmpty) }
        let error = try #require(problems.first)
        #expect(error.shortLocation == testCase.location)
        if !testCase.message.isEmpty { #expect(error.message == testCase.message) }
        #expect(result.workloads.map(\.name) == testCase.loaded)
    }

    @Test func undeclaredResourcesAreWarnings() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              app:
                image: app
                networks: [front, default]
                volumes: ["data:/data", "./bind:/bind", "declared:/declared"]
                secrets: [token]
                configs: [{source: settings, target: /etc/settings}]
            volumes:
              declared: {}
            """)
        #expect(result.errors.isEmpty)
        #expect(
            result.warnings.map(\.shortLocation) == [
                "compose.yaml:4:16", "compose.yaml:5:15", "compose.yaml:6:15", "compose.yaml:7:15",
            ])
        #expect(
            result.warnings.first?.message
                == "service \"app\" uses network \"front\", which is not declared under top-level networks; docker compose rejects this")
        #expect(result.workloads.count == 1)
    }

    @Test func missingFileIsAnErrorOnThePath() throws {
        let project = try ComposeTestProject(["compose.yaml": "services:\n  app:\n    image: app\n"])
        defer { project.remove() }
        let result = project.load(["compose.yaml", "missing.yaml"])
        #expect(result.errors.map(\.description) == ["missing.yaml: error: no such file or directory"])
        #expect(result.workloads.map(\.name) == ["app"])
    }

    @Test func brokenFileDoesNotStopTheOthers() throws {
        let project = try ComposeTestProject([
            "compose.yaml": "services:\n  app:\n    image: app\n",
            "broken.yaml": "services:\n  app:\n    user: [\n",
            "later.yaml": "services:\n  app:\n    read_only: true\n",
        ])
        defer { project.remove() }
        let result = project.load(["compose.yaml", "broken.yaml", "later.yaml"])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.path == "broken.yaml")
        #expect(try result.container("app").readOnlyRootFilesystem?.value == true)
    }

    @Test func hostileInputIsRefusedQuickly() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<12 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        text += "services:\n  app:\n    image: app\n    command: *a11\n"
        let clock = ContinuousClock()
        let start = clock.now
        let result = try ComposeTestProject.loadSingle(text)
        #expect(clock.now - start < .seconds(5))
        #expect(result.errors.count == 1)
        #expect(result.workloads.isEmpty)
    }

    @Test func deeplyNestedInterpolationIsInvalidNotACrash() throws {
        let template = String(repeating: "${A:-", count: 5000) + "x" + String(repeating: "}", count: 5000)
        let result = Interpolation.interpolate(template) { _ in nil }
        #expect(result.problems.contains(.invalid))
    }

    @Test func longExtendsChainIsCut() throws {
        var text = "services:\n"
        for index in stride(from: 200, through: 1, by: -1) { text += "  s\(index):\n    extends: s\(index - 1)\n" }
        text += "  s0:\n    image: base\n"
        let result = try ComposeTestProject.loadSingle(text)
        #expect(!result.errors.isEmpty)
        #expect(result.errors.allSatisfy { $0.message == "extends chain is longer than 64 services" })
        #expect(result.workloads.count == 201)
        #expect(try result.container("s1").image?.value == "base")
    }

    /// Every fixture file, damaged in many deterministic ways, loads without crashing.
    @Test func damagedFixturesNeverCrash() throws {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 33
        }
        let pieces: [[UInt8]] = ["${", "}", ":", "- ", "\n  ", "!reset ", "!override ", "<<: *a", "&a ", "\"", "[", "{", "$$", "\t"]
            .map { Array($0.utf8) }
        var loaded = 0
        for testCase in ComposeDifferentialCase.fixtures {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: testCase.directory)) ?? []
            for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                guard let data = FileManager.default.contents(atPath: testCase.directory + "/" + name) else { continue }
                for _ in 0..<20 {
                    var bytes = [UInt8](data)
                    for _ in 0..<(1 + Int(next() % 4)) where !bytes.isEmpty {
                        let position = Int(next() % UInt64(bytes.count))
                        switch next() % 3 {
                        case 0: bytes.insert(contentsOf: pieces[Int(next() % UInt64(pieces.count))], at: position)
                        case 1: bytes.removeSubrange(position..<min(bytes.count, position + Int(next() % 8) + 1))
                        default: bytes = Array(bytes[..<position])
                        }
                    }
                    let stream = YAMLParser.parse(SourceFile(path: name, bytes: bytes))
                    let result = ComposeProjectLoader(
                        options: ComposeProjectOptions(files: [name]), environment: ["HOME": "/home/fixture"],
                        workingDirectory: testCase.directory
                    ).load(preloaded: [name: stream])
                    _ = ComposeConfigJSON.render(result).render()
                    loaded += 1
                }
            }
        }
        #expect(loaded > 500)
    }
}
