import Foundation
import Testing

@testable import Batten

/// A service built from a Dockerfile gets the profile of the Dockerfile's base image, named with the
/// `FROM` line, unless the Dockerfile sets `USER`; a profile's health check is proposed only where
/// the service has what the check `requires`.
struct DockerfileBaseProfileTests {
    /// The workloads of a Compose project with `files` next to its compose.yaml.
    static func workloads(_ compose: String, files: [String: String] = [:]) throws -> [Workload] {
        let directory = try ExampleRunner.write(compose, format: .compose, files: files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = InputLoader().load(AnalysisRequest(paths: [directory.path], environment: [:]))
        let errors = loaded.diagnostics.filter { $0.level == .error }
        #expect(errors.isEmpty, "does not load: \(errors.map(\.description))")
        return loaded.workloads
    }

    static func profile(_ dockerfile: String) throws -> ImageProfileMatch? {
        let workloads = try Self.workloads("services:\n  web:\n    build: .\n", files: ["Dockerfile": dockerfile])
        let workload = try #require(workloads.first)
        return RuleContext(rule: MissingHealthcheckRule.description).imageProfile(for: workload)
    }

    @Test func aBuiltServiceGetsItsBaseImagesProfile() throws {
        let match = try #require(try Self.profile("FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n"))
        #expect(match.profile.name == "nginx")
        #expect(match.image == "nginx:1.27")
        guard case .dockerfileBase(let path, let line) = match.evidence else {
            Issue.record("the evidence is \(match.evidence), not the Dockerfile")
            return
        }
        #expect(path.hasSuffix("Dockerfile"))
        #expect(line == 1)
        #expect(match.phrase == "the nginx image profile (base image of \(path):1)")
    }

    @Test func theBaseOfAMultiStageBuildIsTheFinalStagesImage() throws {
        let match = try #require(
            try Self.profile("ARG PG=16\nFROM golang:1.23 AS tools\nFROM postgres:${PG}-alpine\nCOPY --from=tools /go/bin/x /usr/local/bin/\n"))
        #expect(match.profile.name == "postgres")
        #expect(match.evidence == .dockerfileBase(path: match.evidence.pathForTest, line: 3))
        #expect(match.profile.user.numericRunAs(tag: match.tag).map { $0.uid } == 70)
    }

    @Test func aDockerfileUserDropsTheProfile() throws {
        #expect(try Self.profile("FROM nginx:1.27\nUSER 101\n") == nil)
        #expect(try Self.profile("FROM nginx:1.27 AS base\nUSER nginx\nFROM base\n") == nil, "a USER of an earlier stage counts")
    }

    @Test func buildsWithoutAUsableBaseHaveNone() throws {
        #expect(try Self.profile("FROM scratch\nCOPY app /app\n") == nil)
        #expect(try Self.profile("FROM example/base:1.0\n") == nil)
        let workloads = try Self.workloads("services:\n  web:\n    build: ./missing\n")
        let workload = try #require(workloads.first)
        let context = RuleContext(rule: MissingHealthcheckRule.description)
        #expect(context.imageProfile(for: workload) == nil, "an unread Dockerfile gives no base")
        #expect(context.genericNote(for: workload) == "(generic: built from a Dockerfile, no image profile)")
    }

    @Test func aBuiltServiceGetsTheBaseImagesHealthCheck() throws {
        let outcome = try ExampleRunner.run(
            "services:\n  web:\n    build: .\n", format: .compose, files: ["Dockerfile": "FROM nginx:1.27\n"],
            rules: [MissingHealthcheckRule.self])
        let finding = try #require(outcome.findings.first { $0.ruleID == "missing-healthcheck" })
        #expect(finding.fix?.title.hasPrefix("Add the health check of the nginx image profile (base image of ") == true)
        #expect(finding.fix?.title.hasSuffix("Dockerfile:1)") == true)
        #expect(finding.message.contains("has no `HEALTHCHECK`"))
    }

    // MARK: Health checks that require a setting

    static func healthFinding(_ compose: String, rule: any Rule.Type = MissingHealthcheckRule.self) throws -> Finding {
        let outcome = try ExampleRunner.run(compose, format: .compose, rules: [rule])
        return try #require(outcome.findings.first { $0.ruleID == rule.description.id })
    }

    @Test func traefikWithoutPingGetsNoHealthCheck() throws {
        let finding = try Self.healthFinding("services:\n  proxy:\n    image: traefik:v3.1\n    command: [\"--providers.docker=true\"]\n")
        #expect(finding.fix == nil)
        #expect(finding.message.contains("no check is proposed"))
        #expect(finding.message.contains("`--ping*` in the command"))
        let restart = try Self.healthFinding(
            "services:\n  proxy:\n    image: traefik:v3.1\n    restart: always\n", rule: RestartWithoutHealthcheckRule.self)
        #expect(restart.fix == nil)
        #expect(restart.message.contains("no check is proposed"))
    }

    @Test func traefikWithPingGetsItsHealthCheck() throws {
        for settings in [
            "    command: [\"--ping=true\", \"--providers.docker=true\"]\n",
            "    command: --ping --api.dashboard=true\n",
            "    command: [\"--ping.entrypoint=web\"]\n",
            "    environment:\n      TRAEFIK_PING: \"true\"\n",
        ] {
            let finding = try Self.healthFinding("services:\n  proxy:\n    image: traefik:v3.1\n" + settings)
            #expect(finding.fix?.title == "Add the health check of the traefik image profile", "\(settings)")
        }
        let off = try Self.healthFinding("services:\n  proxy:\n    image: traefik:v3.1\n    environment:\n      TRAEFIK_PING: \"false\"\n")
        #expect(off.fix == nil)
    }
}

extension ImageProfileMatch.Evidence {
    /// The Dockerfile path of a `dockerfileBase` evidence, empty for `image`.
    var pathForTest: String {
        if case .dockerfileBase(let path, _) = self { return path }
        return ""
    }
}
