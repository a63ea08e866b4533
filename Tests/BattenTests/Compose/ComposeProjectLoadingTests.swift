import BattenYAML
import Foundation
import Testing

@testable import Batten

@Suite("Compose project loading: profiles, discovery, names, standard input")
struct ComposeProjectLoadingTests {
    static let profiled = """
        services:
          always:
            image: always
          debug:
            image: debug
            profiles: [debug]
          tools:
            image: tools
            profiles: [tools, debug]
        """

    @Test func servicesWithoutProfilesAreAlwaysOn() throws {
        let result = try ComposeTestProject.loadSingle(Self.profiled)
        #expect(result.workloads.map(\.name) == ["always"])
        #expect(result.disabledServices == ["debug", "tools"])
        #expect(result.merged?["services"]?.entries?.map(\.key) == ["always"])
    }

    @Test func servicesOfInactiveProfilesAreLoadedForTheAuditAsTheirProfilesRunThem() throws {
        let project = try ComposeTestProject([
            "compose.yaml": Self.profiled + """

                  broken:
                    image: broken
                    profiles: [broken]
                    pid: [host]
                """
        ])
        defer { project.remove() }
        let result = project.load()
        #expect(result.workloads.map(\.name) == ["always"])
        #expect(result.auditedWorkloads.map(\.name) == ["always", "debug", "tools", "broken"])
        #expect(result.auditedWorkloads.map { $0.compose?.isBehindInactiveProfile == true } == [false, true, true, true])
        // What fails only in a service Compose does not run without its profile does not stop the audit.
        #expect(!result.diagnostics.contains { $0.level == .error })
        let warning = try #require(result.diagnostics.first { $0.message.contains("services.broken.pid") })
        #expect(warning.level == .warning)
        #expect(warning.message.hasSuffix("(service broken runs only with profile broken, which is not active)"))
        let enabled = project.load(profiles: ["debug"])
        #expect(enabled.auditedWorkloads.map { $0.compose?.isBehindInactiveProfile == true } == [false, false, false, true])
    }

    @Test func findingsOfServicesBehindInactiveProfilesNameTheProfile() throws {
        let result = try ComposeTestProject.loadSingle(Self.profiled)
        let findings = Auditor(policy: ResolvedPolicy.only(RuleRegistry.all), today: "2025-06-01").audit(result.auditedWorkloads)
        let tools = findings.filter { $0.target.name == "tools" }
        #expect(!tools.isEmpty)
        #expect(
            tools.allSatisfy {
                $0.notes.contains(
                    "service tools runs only with profiles tools or debug, which is not active; audited as `docker compose --profile tools` runs it")
            })
        #expect(!findings.contains { $0.target.name == "always" && $0.notes.contains { $0.contains("not active") } })
    }

    @Test func profileFlagEnablesMatchingServices() throws {
        let project = try ComposeTestProject(["compose.yaml": Self.profiled])
        defer { project.remove() }
        #expect(project.load(profiles: ["tools"]).workloads.map(\.name) == ["always", "tools"])
        #expect(project.load(profiles: ["debug"]).workloads.map(\.name) == ["always", "debug", "tools"])
        #expect(project.load(profiles: ["*"]).workloads.count == 3)
        let profiles = try project.load(profiles: ["tools"]).workload("tools").compose?.profiles
        #expect(profiles == ["tools", "debug"])
    }

    @Test func composeProfilesVariableAppliesWithoutFlags() throws {
        let project = try ComposeTestProject(["compose.yaml": Self.profiled])
        defer { project.remove() }
        #expect(project.load(environment: ["COMPOSE_PROFILES": "tools"]).workloads.map(\.name) == ["always", "tools"])
        #expect(project.load(profiles: ["debug"], environment: ["COMPOSE_PROFILES": "none"]).workloads.count == 3)
        try project.write(".env", "COMPOSE_PROFILES=debug\n")
        #expect(project.load().workloads.count == 3)
    }

    @Test func defaultDiscoveryPrefersComposeYAMLAndTheOverrideYML() throws {
        let project = try ComposeTestProject([
            "compose.yaml": "services:\n  app:\n    image: base\n    cap_add: [A]\n",
            "docker-compose.yml": "services:\n  app:\n    image: not-used\n",
            "compose.override.yml": "services:\n  app:\n    cap_add: [B]\n",
            "compose.override.yaml": "services:\n  app:\n    image: not-used-either\n",
        ])
        defer { project.remove() }
        let result = project.load([])
        #expect(result.files == ["compose.yaml", "compose.override.yml"])
        #expect(try result.container("app").image?.value == "base")
        #expect(try result.container("app").capabilitiesAdded.map(\.value) == ["A", "B"])
        #expect(result.warnings.count == 2)
        #expect(result.warnings.first?.message.contains("compose.yaml, docker-compose.yml") == true)
        #expect(result.warnings.last?.message.contains("compose.override.yml, compose.override.yaml") == true)
    }

    @Test func defaultDiscoveryOrderOfLegacyNames() throws {
        let project = try ComposeTestProject([
            "docker-compose.yaml": "services:\n  app:\n    image: yaml\n",
            "docker-compose.yml": "services:\n  app:\n    image: yml\n",
            "docker-compose.override.yaml": "services:\n  app:\n    user: \"1\"\n",
        ])
        defer { project.remove() }
        let result = project.load([])
        #expect(result.files == ["docker-compose.yml", "docker-compose.override.yaml"])
        #expect(try result.container("app").image?.value == "yml")
    }

    @Test func defaultDiscoveryWalksUpToAParentDirectory() throws {
        let project = try ComposeTestProject([
            "compose.yaml": "services:\n  app:\n    image: app\n    volumes: [./data:/data]\n",
            "sub/deeper/.keep": "",
        ])
        defer { project.remove() }
        let result = project.load([], workingDirectory: project.directory + "/sub/deeper")
        #expect(result.workloads.map(\.name) == ["app"])
        #expect(result.projectDirectory == project.directory)
        #expect(try result.container("app").mounts.first?.resolvedSource == project.directory + "/data")
    }

    @Test func discoveryInTheProjectDirectory() throws {
        let project = try ComposeTestProject(["stack/compose.yaml": "services:\n  app:\n    image: app\n"])
        defer { project.remove() }
        let result = project.load([], projectDirectory: "stack")
        #expect(result.workloads.map(\.name) == ["app"])
        #expect(result.projectName == "stack")
    }

    @Test func noComposeFileIsAnError() throws {
        let project = try ComposeTestProject(["readme.txt": "nothing"])
        defer { project.remove() }
        let result = project.load([], workingDirectory: "/")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message.hasPrefix("no Compose file found") == true)
    }

    @Test func composeFileVariable() throws {
        let project = try ComposeTestProject([
            "one.yaml": "services:\n  app:\n    image: one\n",
            "two.yaml": "services:\n  app:\n    user: \"2\"\n",
        ])
        defer { project.remove() }
        let result = project.load([], environment: ["COMPOSE_FILE": "one.yaml:two.yaml"])
        #expect(try result.container("app").user?.value == "2")
        #expect(try result.container("app").image?.value == "one")
    }

    @Test func projectNameSources() throws {
        let project = try ComposeTestProject([
            "My Stack/compose.yaml": "services:\n  app:\n    image: \"app:${COMPOSE_PROJECT_NAME}\"\n",
            "named/compose.yaml": "name: \"Named_${SUFFIX}.Project\"\nservices:\n  app:\n    image: \"app:${COMPOSE_PROJECT_NAME}\"\n",
        ])
        defer { project.remove() }
        let fromDirectory = project.load(["My Stack/compose.yaml"])
        #expect(fromDirectory.projectName == "mystack")
        #expect(try fromDirectory.container("app").image?.value == "app:mystack")
        let fromFile = project.load(["named/compose.yaml"], environment: ["SUFFIX": "X"])
        #expect(fromFile.projectName == "named_xproject")
        #expect(try fromFile.workload("app").compose?.projectName == "named_xproject")
        #expect(fromFile.merged?["name"]?.text == "named_xproject")
        let fromVariable = project.load(["named/compose.yaml"], environment: ["COMPOSE_PROJECT_NAME": "fromenv"])
        #expect(fromVariable.projectName == "fromenv")
        let fromFlag = project.load(["named/compose.yaml"], projectName: "flag", environment: ["COMPOSE_PROJECT_NAME": "fromenv"])
        #expect(fromFlag.projectName == "flag")
        #expect(try fromFlag.container("app").image?.value == "app:fromenv")
        let invalid = project.load(["named/compose.yaml"], projectName: "Bad Name")
        #expect(invalid.errors.count == 1)
        #expect(invalid.projectName == "badname")
    }

    @Test func normalization() {
        #expect(ComposeProjectName.normalize("My_Project.Prod") == "my_projectprod")
        #expect(ComposeProjectName.normalize("--_x-y") == "x-y")
        #expect(ComposeProjectName.normalize("Ünïcödé 42") == "ncd42")
        #expect(ComposeProjectName.isValid("ok-name_1"))
        #expect(!ComposeProjectName.isValid("Upper"))
    }

    @Test func standardInputComesFromPreloadedStreams() throws {
        let project = try ComposeTestProject(["data/.keep": ""])
        defer { project.remove() }
        let stream = YAMLParser.parse("services:\n  app:\n    image: app\n    volumes: [./data:/data]\n", path: "<stdin>")
        let result = project.load(["-"], preloaded: ["-": stream])
        #expect(result.diagnostics.isEmpty)
        let workload = try result.workload("app")
        #expect(workload.path == "<stdin>")
        #expect(workload.location.shortLocation == "<stdin>:2:3")
        #expect(result.projectDirectory == project.directory)
        #expect(try result.container("app").mounts.first?.resolvedSource == project.directory + "/data")
    }

    @Test func walkedFilesAreGroupedIntoProjects() {
        let projects = ComposeDiscovery.group(walkedFiles: [
            "a/compose.yaml", "a/compose.override.yml", "a/compose.prod.yaml", "a/other.yaml",
            "b/docker-compose.yml", "b/compose.override.yaml",
        ])
        #expect(
            projects.map(\.files) == [
                ["a/compose.yaml", "a/compose.override.yml"], ["a/compose.yaml", "a/compose.prod.yaml"], ["a/other.yaml"],
                ["b/docker-compose.yml", "b/compose.override.yaml"],
            ])
    }

    @Test func inputLoaderReadsComposeFromStandardInput() throws {
        let project = try ComposeTestProject([:])
        defer { project.remove() }
        let request = AnalysisRequest(
            paths: [], compose: ComposeProjectOptions(files: ["-"]), stdinName: "stdin.yaml", environment: [:])
        let loaded = InputLoader().load(request) { Array("services:\n  app:\n    image: app\n".utf8) }
        #expect(loaded.composeProjects.count == 1)
        #expect(loaded.workloads.map(\.name) == ["app"])
        #expect(loaded.workloads.first?.path == "stdin.yaml")
        #expect(loaded.sources["stdin.yaml"] != nil)
    }
}
