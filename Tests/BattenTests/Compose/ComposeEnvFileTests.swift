import BattenYAML
import Testing

@testable import Batten

@Suite("Compose env files")
struct ComposeEnvFileTests {
    static func parse(_ text: String, environment: [String: String] = [:]) -> DotEnv.Result {
        DotEnv.parse(text) { environment[$0] }
    }

    @Test func keyValueForms() {
        let result = Self.parse(
            """
            # a comment
            PLAIN=value
            export EXPORTED=yes
              INDENTED = spaced
            YAML_STYLE: colon
            EMPTY=
            COMMENT=value # trailing comment
            HASH=value#not-a-comment
            URL=postgres://u:p@db:5432/x

            """)
        #expect(result.problems.isEmpty)
        #expect(
            result.values == [
                "PLAIN": "value", "EXPORTED": "yes", "INDENTED": "spaced", "YAML_STYLE": "colon", "EMPTY": "",
                "COMMENT": "value", "HASH": "value#not-a-comment", "URL": "postgres://u:p@db:5432/x",
            ])
    }

    @Test func quotes() {
        let result = Self.parse(
            """
            DOUBLE="a value with spaces"
            SINGLE='literal ${PLAIN} and \\n'
            ESCAPES="tab\\tnew\\nline \\"quoted\\""
            MULTI="first
            second"
            AFTER="quoted" # comment after the quote
            PLAIN=p
            EXPANDED="${PLAIN}-x"
            """)
        #expect(result.problems.isEmpty)
        let values = result.values
        #expect(values["DOUBLE"] == "a value with spaces")
        #expect(values["SINGLE"] == "literal ${PLAIN} and \\n")
        #expect(values["ESCAPES"] == "tab\tnew\nline \"quoted\"")
        #expect(values["MULTI"] == "first\nsecond")
        #expect(values["AFTER"] == "quoted")
        #expect(values["EXPANDED"] == "p-x")
    }

    @Test func interpolationLooksAtTheEnvironmentFirst() {
        let result = Self.parse(
            """
            A=file-a
            B=${A}
            C=${FROM_ENV:-none}
            """, environment: ["A": "env-a", "FROM_ENV": "env"])
        #expect(result.values["B"] == "env-a")
        #expect(result.values["C"] == "env")
    }

    @Test func bareKeyInheritsFromTheEnvironment() {
        let result = Self.parse("INHERITED\nNOT_SET\nX=1\n", environment: ["INHERITED": "from-env"])
        #expect(result.values == ["INHERITED": "from-env", "X": "1"])
    }

    @Test func crlfLineEnds() {
        let result = Self.parse("A=1\r\nB=\"two\"\r\nC=three  \r\n")
        #expect(result.values == ["A": "1", "B": "two", "C": "three"])
    }

    @Test func laterEntryWins() {
        #expect(Self.parse("A=1\nA=2\n").values["A"] == "2")
    }

    @Test func badVariableNameIsReportedAtItsLine() {
        let result = Self.parse("GOOD=1\nBAD!NAME=2\nALSO_GOOD=3\n")
        #expect(result.values == ["GOOD": "1", "ALSO_GOOD": "3"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 2)
    }

    @Test func unterminatedQuoteIsReported() {
        let result = Self.parse("A=\"open\nB=1\n")
        #expect(result.problems.count == 1)
    }

    @Test func envFileFlagReplacesDotEnvAndLaterFilesWin() throws {
        let project = try ComposeTestProject([
            "compose.yaml": "services:\n  app:\n    image: \"app:${TAG}-${STAGE}-${DEFAULT:-none}\"\n",
            ".env": "TAG=default\nDEFAULT=from-dotenv\n",
            "prod.env": "TAG=prod\nSTAGE=one\n",
            "extra.env": "STAGE=two\n",
        ])
        defer { project.remove() }
        let result = project.load(envFiles: ["prod.env", "extra.env"])
        #expect(try result.container("app").image?.value == "app:prod-two-none")
    }

    @Test func missingEnvFileFlagIsAnError() throws {
        let project = try ComposeTestProject(["compose.yaml": "services:\n  app:\n    image: app\n"])
        defer { project.remove() }
        let result = project.load(envFiles: ["missing.env"])
        #expect(result.errors.map(\.description) == ["missing.env: error: env file not found"])
        #expect(result.workloads.count == 1)
    }

    @Test func serviceEnvFilesAreReadAndServiceEnvironmentWins() throws {
        let project = try ComposeTestProject([
            "compose.yaml": """
            services:
              app:
                image: app
                env_file:
                  - first.env
                  - path: second.env
                  - path: optional.env
                    required: false
                environment:
                  SHARED: from-service
            """,
            "first.env": "ORDER=first\nSHARED=from-file\nHOST=${HOST_VAR}\n",
            "second.env": "ORDER=second\n",
        ])
        defer { project.remove() }
        let result = project.load(environment: ["HOST_VAR": "h"])
        #expect(result.diagnostics.isEmpty)
        let details = try #require(try result.workload("app").compose)
        #expect(details.envFiles.map(\.value) == ["first.env", "second.env", "optional.env"])
        let variables = Dictionary(uniqueKeysWithValues: details.envFileVariables.map { ($0.name, $0.value) })
        #expect(variables == ["ORDER": "second", "SHARED": "from-file", "HOST": "h"])
        #expect(details.envFileVariables.first { $0.name == "ORDER" }?.node.start.line == 6)
        let environment = try #require(result.renderedService("app")?["environment"])
        #expect(environment["SHARED"] == .string("from-service"))
        #expect(environment["ORDER"] == .string("second"))
    }

    @Test func missingRequiredServiceEnvFileIsAWarningAtItsEntry() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              app:
                image: app
                env_file: missing.env
            """)
        #expect(result.errors.isEmpty)
        #expect(result.warnings.map(\.shortLocation) == ["compose.yaml:4:15"])
        #expect(result.warnings.first?.message == "env file missing.env not found")
    }
}
