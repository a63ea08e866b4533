import BattenYAML
import Testing

@testable import Batten

@Suite("Compose !reset and !override")
struct ComposeResetOverrideTests {
    static let base = """
        services:
          app:
            image: app
            privileged: true
            user: "0"
            ports: ["8080:80", "127.0.0.1:9090:90"]
            cap_add: [SYS_ADMIN]
            environment: {SECRET: hunter2, KEEP: "1"}
            volumes: [./a:/a, ./b:/b]
            security_opt: [label:disable]
            deploy:
              resources:
                limits: {cpus: "2", memory: 1g}
          gone:
            image: gone
        """

    @Test func resetRemovesValuesOfEveryKind() throws {
        let result = try ComposeMergeRuleTests.merge(
            Self.base,
            """
            services:
              app:
                privileged: !reset null
                ports: !reset []
                cap_add: !reset
                environment:
                  SECRET: !reset
                deploy:
                  resources:
                    limits:
                      memory: !reset
              gone: !reset
            """)
        #expect(result.diagnostics.isEmpty)
        #expect(result.workloads.map(\.name) == ["app"])
        let container = try result.container("app")
        #expect(container.privileged == nil)
        #expect(container.ports.isEmpty)
        #expect(container.capabilitiesAdded.isEmpty)
        #expect(container.environment.map(\.name) == ["KEEP"])
        #expect(container.limits.memory == nil)
        #expect(container.limits.cpu?.value == "2")
        #expect(result.merged?.value(at: ["services", "app", "ports"]) == nil)
    }

    @Test func resetInTheFirstFileRemovesTheValueItself() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              app:
                image: app
                privileged: !reset true
                cap_add: !reset [SYS_ADMIN]
            """)
        let container = try result.container("app")
        #expect(container.privileged == nil)
        #expect(container.capabilitiesAdded.isEmpty)
    }

    @Test func overrideReplacesInsteadOfMerging() throws {
        let result = try ComposeMergeRuleTests.merge(
            Self.base,
            """
            services:
              app:
                ports: !override
                  - "127.0.0.1:8080:80"
                environment: !override
                  OTHER: "3"
                volumes: !override ["./c:/c"]
                deploy:
                  resources:
                    limits: !override {pids: 50}
                security_opt: !override [no-new-privileges:true]
            """)
        let container = try result.container("app")
        #expect(container.ports.map(\.hostIP) == ["127.0.0.1"])
        #expect(container.ports.first?.node.shortLocation == "override.yaml:4:9")
        #expect(container.environment.map(\.name) == ["OTHER"])
        #expect(container.mounts.map(\.target) == ["/c"])
        #expect(container.limits.memory == nil)
        #expect(container.limits.cpu == nil)
        #expect(container.limits.pids?.value == "50")
        #expect(container.allowPrivilegeEscalation?.value == false)
        #expect(container.seLinux == nil)
        #expect(try result.workload("app").compose?.securityOptions.map(\.value) == ["no-new-privileges:true"])
    }

    @Test func tagsFollowAliases() throws {
        let result = try ComposeMergeRuleTests.merge(
            Self.base,
            """
            x-ports: &ports !override ["127.0.0.1:1:1"]
            services:
              app:
                ports: *ports
            """)
        #expect(try result.container("app").ports.map(\.published) == ["1"])
    }

    @Test func resetOfAServiceInALaterFileRemovesIt() throws {
        let result = try ComposeMergeRuleTests.merge(Self.base, "services:\n  gone: !reset {}\n")
        #expect(result.workloads.map(\.name) == ["app"])
    }

    @Test func overrideOfAWholeServiceReplacesIt() throws {
        let result = try ComposeMergeRuleTests.merge(Self.base, "services:\n  gone: !override\n    image: new\n")
        let gone = try result.workload("gone")
        #expect(gone.compose?.definitions.count == 1)
        #expect(gone.location.shortLocation == "override.yaml:2:3")
        #expect(try result.container("gone").image?.value == "new")
    }

    @Test func extendingServiceTagsApplyToTheBase() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              base:
                image: base
                privileged: true
                ports: ["8080:80"]
                environment: {A: "1", B: "2"}
              child:
                extends: base
                privileged: !reset false
                ports: !override ["127.0.0.1:8080:80"]
                environment: !override {C: "3"}
            """)
        let child = try result.container("child")
        #expect(child.privileged == nil)
        #expect(child.ports.map(\.hostIP) == ["127.0.0.1"])
        #expect(child.environment.map(\.name) == ["C"])
        #expect(try result.container("base").privileged?.value == true)
    }

    @Test func tagsOfABaseServiceDoNotLeakIntoTheMultiFileMerge() throws {
        let result = try ComposeMergeRuleTests.merge(
            """
            services:
              app:
                image: app
                ports: ["1:1"]
            """,
            """
            services:
              base:
                image: base
                ports: !override ["2:2"]
              app:
                extends: base
            """)
        #expect(try result.container("app").ports.compactMap(\.published) == ["1", "2"])
    }
}
