import BattenYAML
import Testing

@testable import Batten

@Suite("Compose interpolation")
struct ComposeInterpolationTests {
    static let environment = ["SET": "value", "EMPTY": "", "NUM": "42", "B": "bee"]

    static func run(_ template: String) -> Interpolation.Result {
        Interpolation.interpolate(template) { environment[$0] }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var template: String
        var expected: String
        var testDescription: String { template }
    }

    static let cases: [Case] = [
        Case(template: "plain text", expected: "plain text"),
        Case(template: "$SET", expected: "value"),
        Case(template: "${SET}", expected: "value"),
        Case(template: "pre-${SET}-post", expected: "pre-value-post"),
        Case(template: "$SET.suffix", expected: "value.suffix"),
        Case(template: "$SET_x", expected: ""),
        Case(template: "${UNSET:-default}", expected: "default"),
        Case(template: "${EMPTY:-default}", expected: "default"),
        Case(template: "${SET:-default}", expected: "value"),
        Case(template: "${UNSET-default}", expected: "default"),
        Case(template: "${EMPTY-default}", expected: ""),
        Case(template: "${SET-default}", expected: "value"),
        Case(template: "${SET:+alt}", expected: "alt"),
        Case(template: "${EMPTY:+alt}", expected: ""),
        Case(template: "${UNSET:+alt}", expected: ""),
        Case(template: "${SET+alt}", expected: "alt"),
        Case(template: "${EMPTY+alt}", expected: "alt"),
        Case(template: "${UNSET+alt}", expected: ""),
        Case(template: "${SET:?message}", expected: "value"),
        Case(template: "${EMPTY?message}", expected: ""),
        Case(template: "${UNSET:-${B}}", expected: "bee"),
        Case(template: "${UNSET:-${UNSET2:-${B}}}", expected: "bee"),
        Case(template: "${UNSET:-$B}", expected: "bee"),
        Case(template: "x${UNSET:-y${NUM}z}w", expected: "xy42zw"),
        Case(template: "${UNSET:-a b:c}", expected: "a b:c"),
        Case(template: "${UNSET:-a}}", expected: "a}"),
        Case(template: "${UNSET:-}", expected: ""),
        Case(template: "$$SET", expected: "$SET"),
        Case(template: "$${SET}", expected: "${SET}"),
        Case(template: "a$$", expected: "a$"),
        Case(template: "cost$", expected: "cost$"),
        Case(template: "a $ b", expected: "a $ b"),
        Case(template: "$1", expected: "$1"),
        Case(template: "${UNSET:-$$}", expected: "$"),
        Case(template: "${a-b-c}", expected: "b-c"),
        Case(template: "héllo ${SET} wörld 🚀", expected: "héllo value wörld 🚀"),
    ]

    @Test(arguments: cases)
    func substitutes(_ testCase: Case) {
        #expect(Self.run(testCase.template).value == testCase.expected)
    }

    @Test func unsetVariableWithoutDefaultIsReported() {
        let result = Self.run("${UNSET} and $ALSO_UNSET")
        #expect(result.value == " and ")
        #expect(result.problems == [.unset(name: "UNSET"), .unset(name: "ALSO_UNSET")])
        #expect(result.problems[0].message == "The \"UNSET\" variable is not set. Defaulting to a blank string.")
    }

    @Test func defaultsAndAlternatesDoNotWarn() {
        for template in ["${UNSET:-x}", "${UNSET-x}", "${UNSET:+x}", "${UNSET+x}"] {
            #expect(Self.run(template).problems.isEmpty, "\(template)")
        }
    }

    @Test func requiredVariables() {
        let colon = Self.run("${EMPTY:?set EMPTY please}")
        #expect(colon.value == "")
        #expect(colon.problems == [.required(name: "EMPTY", message: "set EMPTY please")])
        #expect(colon.problems[0].message == "required variable EMPTY is missing a value: set EMPTY please")

        let plain = Self.run("${UNSET?}")
        #expect(plain.problems == [.required(name: "UNSET", message: "")])
        #expect(plain.problems[0].message == "required variable UNSET is missing a value")

        #expect(Self.run("${EMPTY?}").problems.isEmpty)
    }

    @Test func requiredVariableInsideAnUnusedDefaultIsStillReported() {
        let result = Self.run("${SET:-${UNSET:?inner}}")
        #expect(result.value == "value")
        #expect(result.problems == [.required(name: "UNSET", message: "inner")])
    }

    @Test(arguments: ["${}", "${A:x}", "${1A}", "${ SET}", "${SET", "${SET:-unterminated"])
    func invalidTemplates(_ template: String) {
        let result = Self.run(template)
        #expect(result.problems.contains(.invalid))
        #expect(result.value == template)
    }

    @Test func substitutedFlag() {
        #expect(Self.run("$SET").substituted)
        #expect(Self.run("${UNSET:-x}").substituted)
        #expect(!Self.run("$$SET").substituted)
        #expect(!Self.run("plain").substituted)
    }

    @Test func containsVariable() {
        #expect(Interpolation.containsVariable("${X}"))
        #expect(Interpolation.containsVariable("a$X"))
        #expect(!Interpolation.containsVariable("$$X"))
        #expect(!Interpolation.containsVariable("cost $5"))
        #expect(!Interpolation.containsVariable("plain"))
    }

    @Test func escapeForOutput() {
        #expect(Interpolation.escape("pa$word") == "pa$$word")
        #expect(Interpolation.escape("none") == "none")
    }

    @Test func valuesAreInterpolatedKeysAreNot() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              app:
                image: app:${TAG}
                environment:
                  ${TAG}: $TAG
                labels:
                  "${TAG}.label": "${TAG}"
            """, environment: ["TAG": "v1"])
        let container = try result.container("app")
        #expect(container.image?.value == "app:v1")
        #expect(container.environment.map(\.name) == ["${TAG}"])
        #expect(container.environment.first?.value == "v1")
        #expect(try result.workload("app").labels["${TAG}.label"]?.value == "v1")
    }

    @Test func rawTextIsKept() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              app:
                image: app
                environment:
                  FROM_VAR: ${SECRET}
                  LITERAL: hunter2
                  ESCAPED: $$NOT_A_VAR
            """, environment: ["SECRET": "s3cr3t"])
        let environment = try result.container("app").environment
        let byName = Dictionary(uniqueKeysWithValues: environment.map { ($0.name, $0) })
        #expect(byName["FROM_VAR"]?.value == "s3cr3t")
        #expect(byName["FROM_VAR"]?.rawValue == "${SECRET}")
        #expect(byName["FROM_VAR"]?.isInterpolated == true)
        #expect(byName["FROM_VAR"]?.isLiteral == false)
        #expect(byName["LITERAL"]?.isInterpolated == false)
        #expect(byName["LITERAL"]?.isLiteral == true)
        #expect(byName["ESCAPED"]?.value == "$NOT_A_VAR")
        #expect(byName["ESCAPED"]?.isInterpolated == false)
        let merged = try #require(result.merged?.value(at: ["services", "app", "environment", "FROM_VAR"])?.scalar)
        #expect(merged.value == "s3cr3t")
        #expect(merged.raw == "${SECRET}")
    }

    @Test func unsetVariableGivesOneWarningAtTheNode() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              app:
                image: "app:${MISSING}"
            """)
        #expect(result.errors.isEmpty)
        #expect(result.warnings.count == 1)
        let warning = try #require(result.warnings.first)
        #expect(warning.shortLocation == "compose.yaml:3:12")
        #expect(warning.message == "The \"MISSING\" variable is not set. Defaulting to a blank string.")
        #expect(try result.container("app").image?.value == "app:")
    }

    @Test func processEnvironmentWinsOverDotEnv() throws {
        let project = try ComposeTestProject([
            "compose.yaml": "services:\n  app:\n    image: \"app:${TAG}-${ONLY_FILE}\"\n",
            ".env": "TAG=from-file\nONLY_FILE=file\n",
        ])
        defer { project.remove() }
        let result = project.load(environment: ["TAG": "from-process"])
        #expect(try result.container("app").image?.value == "app:from-process-file")
    }

    @Test func anchorsAreInterpolatedOnceAndReportedOnce() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            x-env: &env
              TOKEN: ${UNSET_TOKEN}
            services:
              a:
                image: a
                environment: *env
              b:
                image: b
                environment: *env
            """)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.shortLocation == "compose.yaml:2:10")
        #expect(try result.container("a").environment.first?.value == "")
        #expect(try result.container("b").environment.first?.node.start.line == 2)
    }
}
