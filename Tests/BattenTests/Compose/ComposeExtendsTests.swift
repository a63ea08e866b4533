import BattenYAML
import Testing

@testable import Batten

@Suite("Compose extends")
struct ComposeExtendsTests {
    @Test func sameFileShortAndLongForm() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              base:
                image: base:1
                cap_add: [CHOWN]
                environment: {LEVEL: base, SHARED: "1"}
                volumes: ["./data:/data"]
              web:
                extends: base
                cap_add: [NET_BIND_SERVICE]
                environment: {LEVEL: web}
              worker:
                extends:
                  service: web
                user: "1000"
            """)
        #expect(result.diagnostics.isEmpty)
        let web = try result.container("web")
        #expect(web.image?.value == "base:1")
        #expect(web.image?.node.shortLocation == "compose.yaml:3:12")
        #expect(web.capabilitiesAdded.map(\.value) == ["CHOWN", "NET_BIND_SERVICE"])
        #expect(web.environment.map { "\($0.name)=\($0.value ?? "")" } == ["LEVEL=web", "SHARED=1"])
        let worker = try result.workload("worker")
        #expect(worker.containers.first?.capabilitiesAdded.count == 2)
        #expect(
            worker.compose?.definitions.map(\.shortLocation) == [
                "compose.yaml:3:5", "compose.yaml:8:5", "compose.yaml:12:5",
            ])
        #expect(worker.location.shortLocation == "compose.yaml:11:3")
        #expect(worker.node.shortLocation == "compose.yaml:12:5")
        #expect(result.merged?.value(at: ["services", "worker", "extends"]) == nil)
    }

    @Test func otherFileWithPathsRelativeToThatFile() throws {
        let project = try ComposeTestProject([
            "compose.yaml": """
            services:
              api:
                extends:
                  file: common/services.yaml
                  service: hardened
                image: api:1
                volumes: ["./api-data:/data"]
            """,
            "common/services.yaml": """
            services:
              hardened:
                image: placeholder
                read_only: true
                volumes: ["./config:/config:ro"]
                build: ./ctx
                env_file: common.env
            """,
            "common/common.env": "FROM_COMMON=1\n",
        ])
        defer { project.remove() }
        let result = project.load()
        #expect(result.diagnostics.filter { $0.level != .note }.isEmpty)
        let container = try result.container("api")
        #expect(container.readOnlyRootFilesystem?.node.shortLocation == "services.yaml:4:16")
        #expect(
            container.mounts.map(\.resolvedSource) == [
                project.directory + "/common/config", project.directory + "/api-data",
            ])
        #expect(container.mounts.first?.source == "./config")
        let details = try #require(try result.workload("api").compose)
        #expect(details.build?.resolvedContext == project.directory + "/common/ctx")
        #expect(details.envFileVariables.map(\.name) == ["FROM_COMMON"])
        #expect(result.files.map(ComposePathsForTests.fileName) == ["compose.yaml", "services.yaml"])
    }

    @Test func chainedAcrossFiles() throws {
        let project = try ComposeTestProject([
            "compose.yaml": "services:\n  app:\n    extends: {file: level1/one.yaml, service: one}\n    environment: {LEVEL: app}\n",
            "level1/one.yaml": "services:\n  one:\n    extends: {file: ../level2/two.yaml, service: two}\n    environment: {LEVEL: one, ONE: \"1\"}\n",
            "level2/two.yaml": "services:\n  two:\n    extends: three\n    environment: {TWO: \"2\"}\n  three:\n    image: three\n    privileged: true\n",
        ])
        defer { project.remove() }
        let result = project.load()
        #expect(result.diagnostics.isEmpty)
        let container = try result.container("app")
        #expect(container.image?.value == "three")
        #expect(container.privileged?.node.shortLocation == "two.yaml:7:17")
        #expect(container.environment.map { "\($0.name)=\($0.value ?? "")" } == ["TWO=2", "LEVEL=app", "ONE=1"])
        #expect(try result.workload("app").compose?.definitions.count == 4)
    }

    @Test func cycleIsOneLocatedError() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              a:
                image: a
                extends: b
              b:
                extends: a
              c:
                image: c
            """)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.shortLocation == "compose.yaml:6:14")
        #expect(error.message == "circular extends: a in compose.yaml extends b in compose.yaml extends a in compose.yaml")
        #expect(result.workloads.map(\.name) == ["a", "b", "c"])
    }

    @Test func selfExtensionIsACycle() throws {
        let result = try ComposeTestProject.loadSingle("services:\n  a:\n    image: a\n    extends: a\n")
        #expect(result.errors.map(\.shortLocation) == ["compose.yaml:4:14"])
        #expect(result.errors.first?.message.hasPrefix("circular extends") == true)
    }

    @Test func unknownServiceIsOneLocatedError() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              a:
                image: a
                extends:
                  service: nope
              b:
                image: b
            """)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.shortLocation == "compose.yaml:5:16")
        #expect(result.errors.first?.message == "cannot extend service \"a\": service \"nope\" not found")
        #expect(try result.container("a").image?.value == "a")
        #expect(result.workloads.count == 2)
    }

    @Test func unknownServiceInOtherFile() throws {
        let project = try ComposeTestProject([
            "compose.yaml": "services:\n  a:\n    image: a\n    extends: {file: other.yaml, service: nope}\n",
            "other.yaml": "services:\n  there:\n    image: x\n",
        ])
        defer { project.remove() }
        let result = project.load()
        #expect(result.errors.map(\.shortLocation) == ["compose.yaml:4:42"])
        #expect(result.errors.first?.message == "cannot extend service \"a\": service \"nope\" not found in other.yaml")
    }

    @Test func missingFileIsOneLocatedError() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              a:
                image: a
                extends:
                  file: nope.yaml
                  service: x
              b:
                image: b
            """)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.shortLocation == "compose.yaml:5:13")
        #expect(result.errors.first?.message == "cannot read extends file nope.yaml: no such file or directory")
        #expect(result.workloads.map(\.name) == ["a", "b"])
    }

    @Test func wrongShapeIsReported() throws {
        let result = try ComposeTestProject.loadSingle("services:\n  a:\n    image: a\n    extends: [x]\n")
        #expect(result.errors.map(\.shortLocation) == ["compose.yaml:4:14"])
        #expect(result.errors.first?.message == "services.a.extends must be a service name or a mapping with service (and file)")
    }

    @Test func serviceOfAnotherFileCannotBeExtendedWithoutFile() throws {
        let result = try ComposeMergeRuleTests.merge(
            "services:\n  base:\n    image: base\n",
            "services:\n  app:\n    extends: base\n")
        #expect(result.errors.map(\.shortLocation) == ["override.yaml:3:14"])
    }
}
