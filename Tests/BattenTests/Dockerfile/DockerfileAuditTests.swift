import Foundation
import Testing

@testable import Batten

/// Compose services built from a Dockerfile are judged by it: its final (or `target`) stage's USER
/// decides runs-as-root and its HEALTHCHECK the health findings, and the findings name the file and
/// line that decided. An unreadable Dockerfile is a note.
struct DockerfileAuditTests {
    static func audit(
        _ compose: String, dockerfile: String?,
        rules: [any Rule.Type] = [RunsAsRootRule.self, MissingHealthcheckRule.self, RestartWithoutHealthcheckRule.self],
        parameters: [String: ParameterValue] = ["check-group": .bool(true)]
    ) throws -> ExampleRunner.Outcome {
        try ExampleRunner.run(compose, format: .compose, files: dockerfile.map { ["Dockerfile": $0] } ?? [:], parameters: parameters, rules: rules)
    }

    static let built = """
        services:
          api:
            build: .
            restart: always
        """

    @Test func aNonRootUserIsNotRunsAsRoot() throws {
        let outcome = try Self.audit(Self.built, dockerfile: "FROM python:3.12-slim\nRUN useradd -u 10001 app\nUSER app\nHEALTHCHECK CMD true\n")
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
    }

    @Test func userZeroAndRootRootAreRoot() throws {
        for user in ["0", "root:root", "root"] {
            let outcome = try Self.audit(Self.built, dockerfile: "FROM alpine:3.20\n\nUSER \(user)\nHEALTHCHECK CMD true\n")
            let finding = try #require(outcome.findings.first { $0.ruleID == "runs-as-root" }, "USER \(user)")
            #expect(finding.message.contains("Dockerfile:3 sets `USER \(user)`"), "\(finding.message)")
            #expect(finding.fix?.title.contains("generic") == true, "\(finding.fix?.title ?? "no fix")")
        }
    }

    @Test func rootGroupIsReportedWithCheckGroup() throws {
        let dockerfile = "FROM alpine:3.20\nUSER 1000:0\nHEALTHCHECK CMD true\n"
        let outcome = try Self.audit(Self.built, dockerfile: dockerfile)
        #expect(outcome.findings.first?.message.contains("root's group: its Dockerfile") == true)
        let relaxed = try Self.audit(Self.built, dockerfile: dockerfile, parameters: ["check-group": .bool(false)])
        #expect(relaxed.findings.isEmpty)
    }

    @Test func userFromBuildArguments() throws {
        let dockerfile = "ARG UID=10001\nFROM alpine:3.20\nARG UID\nUSER ${UID}\nHEALTHCHECK CMD true\n"
        #expect(try Self.audit(Self.built, dockerfile: dockerfile).findings.isEmpty)
        let rootByArgument = try Self.audit(
            """
            services:
              api:
                build:
                  context: .
                  args:
                    UID: "0"
            """, dockerfile: dockerfile)
        let finding = try #require(rootByArgument.findings.first)
        #expect(finding.ruleID == "runs-as-root")
        #expect(finding.message.contains("Dockerfile:4 sets `USER 0`"), "\(finding.message)")
    }

    @Test func targetStageDecides() throws {
        let dockerfile = """
            FROM python:3.12-slim AS production
            USER 10001
            HEALTHCHECK CMD python -c 'print(1)'
            FROM production AS debug
            USER root
            HEALTHCHECK NONE
            """
        let production = try Self.audit(
            """
            services:
              api:
                build:
                  context: .
                  target: production
                restart: always
            """, dockerfile: dockerfile)
        #expect(production.findings.isEmpty, "\(production.findings.map(\.message))")

        let debug = try Self.audit(Self.built, dockerfile: dockerfile)
        let messages = debug.findings.map(\.message)
        #expect(messages.contains { $0.contains("Dockerfile:5 sets `USER root`") }, "\(messages)")
        #expect(messages.contains { $0.contains("Dockerfile:6 says `HEALTHCHECK NONE`") }, "\(messages)")
        #expect(debug.findings.contains { $0.ruleID == "restart-without-healthcheck" && $0.message.contains("Dockerfile:6") })
    }

    @Test func missingHealthcheckNamesTheExposedPort() throws {
        let outcome = try Self.audit(Self.built, dockerfile: "FROM python:3.12-slim\nUSER 10001\nEXPOSE 8000\n")
        let finding = try #require(outcome.findings.first { $0.ruleID == "missing-healthcheck" })
        #expect(finding.message.contains("has no `HEALTHCHECK`"), "\(finding.message)")
        #expect(finding.message.contains("what it exposes (8000, "), "\(finding.message)")
        #expect(finding.message.contains("Dockerfile:3)"), "\(finding.message)")
        #expect(finding.fix == nil, "a built image has no profile, so no health check to propose")
    }

    @Test func missingDockerfileIsANote() throws {
        let outcome = try Self.audit(Self.built, dockerfile: nil)
        let note = try #require(outcome.diagnostics.first { $0.message.contains("Dockerfile") })
        #expect(note.level == .note)
        #expect(note.message.contains("cannot read its Dockerfile"))
        #expect(!outcome.diagnostics.contains { $0.level == .error })
        let finding = try #require(outcome.findings.first { $0.ruleID == "runs-as-root" })
        #expect(finding.message.contains("the user its Dockerfile's last `USER` names, or root if there is none"))
    }

    @Test func unknownTargetIsANote() throws {
        let outcome = try Self.audit(
            """
            services:
              api:
                build:
                  context: .
                  target: nope
            """, dockerfile: "FROM alpine\nUSER 10001\nHEALTHCHECK CMD true\n")
        #expect(outcome.diagnostics.contains { $0.level == .note && $0.message.contains("no stage named `nope`") })
        #expect(outcome.findings.isEmpty)
    }

    @Test func escapeDirectiveInARealProject() throws {
        let outcome = try Self.audit(Self.built, dockerfile: "# escape=`\nFROM alpine\nUSER `\n  root\nHEALTHCHECK CMD true\n")
        let finding = try #require(outcome.findings.first)
        #expect(finding.message.contains("Dockerfile:3 sets `USER root`"), "\(finding.message)")
    }

    @Test func theWebappBackendIsJudgedByItsUser() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let request = AnalysisRequest(paths: [root.appendingPathComponent("Samples/compose/webapp").path], environment: [:])
        let policy = try #require(PolicyResolver().resolve(selection: "production").policy)
        let result = Analyzer(policy: policy, today: "2026-01-01").run(request)
        let rootFindings = result.findings.filter { $0.ruleID == "runs-as-root" }.map(\.target.name)
        #expect(Set(rootFindings) == ["db", "redis", "nginx"], "backend and worker end with USER app: \(rootFindings)")
        let backend = try #require(result.workloads.first { $0.name == "backend" })
        #expect(backend.compose?.build?.facts?.user == DockerfileFacts.Located(value: "app", line: 19))
    }
}
