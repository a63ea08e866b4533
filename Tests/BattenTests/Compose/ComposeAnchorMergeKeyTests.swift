import BattenYAML
import Testing

@testable import Batten

@Suite("Compose anchors, aliases and << merge keys")
struct ComposeAnchorMergeKeyTests {
    static let text = """
        x-common: &common
          restart: unless-stopped
          read_only: true
          environment: &env
            SHARED: "1"
            LEVEL: common
          volumes:
            - .:/app
        x-security: &security
          cap_drop: [ALL]
          read_only: false
        services:
          first:
            <<: *common
            image: first
          second:
            <<: [*common, *security]
            image: second
            environment:
              <<: *env
              LEVEL: second
          third:
            <<: [*security, *common]
            read_only: true
            image: third
          fourth:
            image: fourth
            environment: *env
        """

    @Test func mergedValuesPointIntoTheAnchor() throws {
        let result = try ComposeTestProject.loadSingle(Self.text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.workloads.map(\.name) == ["first", "second", "third", "fourth"])
        let first = try result.container("first")
        #expect(first.readOnlyRootFilesystem?.value == true)
        #expect(first.readOnlyRootFilesystem?.node.shortLocation == "compose.yaml:3:14")
        #expect(first.mounts.first?.node.shortLocation == "compose.yaml:8:7")
        #expect(first.environment.map(\.node.start.line) == [5, 6])
        let restart = try #require(try result.workload("first").compose?.restart)
        #expect("\(restart.value)@\(restart.node.start.line)" == "unless-stopped@2")
    }

    @Test func earlierSourcesWinAndLocalKeysWin() throws {
        let result = try ComposeTestProject.loadSingle(Self.text)
        #expect(try result.container("second").readOnlyRootFilesystem?.value == true)
        #expect(try result.container("second").capabilitiesDropped.map(\.value) == ["ALL"])
        #expect(try result.container("third").readOnlyRootFilesystem?.node.shortLocation == "compose.yaml:24:16")
        let environment = try result.container("second").environment
        #expect(environment.map { "\($0.name)=\($0.value ?? "")" } == ["SHARED=1", "LEVEL=second"])
        #expect(environment.last?.node.shortLocation == "compose.yaml:21:7")
    }

    @Test func extensionKeysAreNotServices() throws {
        let result = try ComposeTestProject.loadSingle(Self.text)
        #expect(!result.workloads.contains { $0.name.hasPrefix("x-") })
        #expect(result.merged?["x-common"] != nil)
    }

    @Test func aliasedServiceValue() throws {
        let result = try ComposeTestProject.loadSingle(Self.text)
        let fourth = try result.container("fourth")
        #expect(fourth.environment.map(\.name) == ["SHARED", "LEVEL"])
        #expect(fourth.environment.first?.node.shortLocation == "compose.yaml:5:5")
    }
}
