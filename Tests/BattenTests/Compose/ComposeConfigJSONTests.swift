import BattenYAML
import Testing

@testable import Batten

@Suite("batten config for Compose")
struct ComposeConfigJSONTests {
    @Test(arguments: [
        ("512m", Int64(536_870_912)), ("1g", 1_073_741_824), ("1.5g", 1_610_612_736), ("100k", 102_400),
        ("2GiB", 2_147_483_648), ("1024", 1024), ("50M", 52_428_800), ("1 kb", 1024),
    ])
    func byteSizes(_ text: String, _ expected: Int64) {
        #expect(ComposeUnits.bytes(text) == expected)
    }

    @Test func invalidByteSizes() {
        #expect(ComposeUnits.bytes("lots") == nil)
        #expect(ComposeUnits.bytes("12x") == nil)
        #expect(ComposeUnits.bytes("") == nil)
    }

    @Test(arguments: [
        ("30s", "30s"), ("90s", "1m30s"), ("1m", "1m0s"), ("1h2m", "1h2m0s"), ("500ms", "500ms"), ("1.5s", "1.5s"),
        ("1500us", "1.5ms"), ("10ns", "10ns"), ("0", "0s"), ("2h", "2h0m0s"), ("1m30.25s", "1m30.25s"),
    ])
    func durations(_ text: String, _ expected: String) throws {
        let nanoseconds = try #require(ComposeUnits.duration(text))
        #expect(ComposeUnits.formatDuration(nanoseconds) == expected)
    }

    @Test(arguments: [
        ("1.0", "1"), ("1.50", "1.5"), ("0755", "493"), ("0o17", "15"), ("0x1F", "31"), ("0b101", "5"), ("True", "true"),
        ("yes", "yes"), ("1e3", "1000"), ("1000000.0", "1e+06"), ("123456.5", "123456.5"), ("0.00001", "1e-05"),
        ("0.0001", "0.0001"), ("12345678901234567890", "12345678901234567890"), ("1_000", "1000"), ("-42", "-42"),
        ("1.10", "1.1"), ("12:30", "12:30"), ("8080:80", "8080:80"), ("-1.5e-7", "-1.5e-07"), (".5", "0.5"),
    ])
    func scalarStringsAsComposeMakesThem(_ text: String, _ expected: String) {
        #expect(ComposeScalars.string(text) == expected)
    }

    @Test func scalarTypes() {
        #expect(ComposeScalars.typed("~") == .null)
        #expect(ComposeScalars.string("null") == nil)
        #expect(ComposeScalars.typed("on") == .string("on"))
        #expect(ComposeScalars.typed("010") == .int("8"))
        #expect(ComposeScalars.typed("2.5") == .float(2.5))
    }

    @Test func environmentNumbersBecomeComposeStrings() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              app:
                image: app
                environment:
                  VERSION: 1.10
                  MODE: 0755
                  QUOTED: "1.10"
            """)
        let environment = try result.container("app").environment
        #expect(environment.map(\.value) == ["1.1", "493", "1.10"])
        #expect(environment.map(\.rawValue) == ["1.10", "0755", "1.10"])
    }

    @Test func shellWords() {
        #expect(ShellWords.split("sh -c \"echo a b\" 'x y' z\\ w") == ["sh", "-c", "echo a b", "x y", "z w"])
        #expect(ShellWords.split("  spaced   out ") == ["spaced", "out"])
        #expect(ShellWords.split("a '' b") == ["a", "", "b"])
        #expect(ShellWords.split("run; rm -rf /") == ["run"])
        #expect(ShellWords.split("open 'quote") == nil)
    }

    @Test func renderedShapes() throws {
        let project = try ComposeTestProject([
            "compose.yaml": """
            name: Shapes
            services:
              app:
                image: "app:${TAG}"
                command: echo "$$HOME"
                environment:
                  - FROM_SHELL
                  - NOT_SET
                  - PRICE=$$5
                ports: ["8000-8001:9000-9001/udp"]
                volumes: ["./src:/src:ro", "data:/data"]
                deploy:
                  resources:
                    limits: {cpus: "0.50", memory: 1g, pids: 64}
                healthcheck:
                  test: curl -f localhost
                  interval: 90s
                  retries: "3"
                read_only: false
                privileged: true
            volumes:
              data: {}
              unused: {}
            x-meta: {replicas: 3, flag: true, ratio: 0.5, nothing: null, text: "on"}
            """
        ])
        defer { project.remove() }
        let result = project.load(environment: ["TAG": "1", "FROM_SHELL": "shell value"])
        let json = result.configJSON
        #expect(json.composeKeys == ["name", "networks", "services", "volumes", "x-meta"])
        #expect(json["name"] == .string("shapes"))
        #expect(json["volumes"]?.composeKeys == ["data"])
        #expect(json["volumes"]?["data"]?["name"] == .string("shapes_data"))
        #expect(json["networks"]?["default"]?["name"] == .string("shapes_default"))
        #expect(
            json["x-meta"]
                == .object([
                    ("replicas", .int(3)), ("flag", .bool(true)), ("ratio", .double(0.5)), ("nothing", .null), ("text", .string("on")),
                ]))
        let app = try #require(json["services"]?["app"])
        #expect(app["image"] == .string("app:1"))
        #expect(app["command"] == .array([.string("echo"), .string("$$HOME")]))
        #expect(
            app["environment"]
                == .object([
                    ("FROM_SHELL", .string("shell value")), ("NOT_SET", .null), ("PRICE", .string("$$5")),
                ]))
        let ports = try #require(app["ports"]?.composeItems)
        #expect(ports.count == 2)
        #expect(
            ports[0]
                == .object([
                    ("mode", .string("ingress")), ("target", .int(9000)), ("published", .string("8000")), ("protocol", .string("udp")),
                ]))
        let volumes = try #require(app["volumes"]?.composeItems)
        #expect(volumes[0]["source"] == .string(project.directory + "/src"))
        #expect(volumes[0]["read_only"] == .bool(true))
        #expect(volumes[0]["bind"] == .object([("create_host_path", .bool(true))]))
        #expect(volumes[1]["volume"] == .object([]))
        #expect(
            app["deploy"]?["resources"]?["limits"]
                == .object([
                    ("cpus", .double(0.5)), ("memory", .string("1073741824")), ("pids", .int(64)),
                ]))
        #expect(
            app["healthcheck"]
                == .object([
                    ("test", .array([.string("CMD-SHELL"), .string("curl -f localhost")])), ("interval", .string("1m30s")),
                    ("retries", .int(3)),
                ]))
        #expect(app["read_only"] == nil)
        #expect(app["privileged"] == .bool(true))
        #expect(app["networks"] == .object([("default", .null)]))
    }

    @Test func renderIsDeterministic() throws {
        let project = try ComposeTestProject(["compose.yaml": ComposeAnchorMergeKeyTests.text])
        defer { project.remove() }
        let first = project.load().configJSON.render()
        let second = project.load().configJSON.render()
        #expect(first == second)
    }

    @Test func emptyResultRendersAnEmptyObject() {
        #expect(ComposeConfigJSON.render(ComposeLoadResult()) == .object([]))
    }
}
