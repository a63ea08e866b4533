import BattenYAML
import Testing

@testable import Batten

@Suite("Compose provenance and positions")
struct ComposeProvenanceTests {
    static let base = """
        services:
          web:
            image: web:1
            user: "1000"
            ports: ["8080:80"]
            environment:
              TOKEN: abc
        """
    static let override = """
        services:
          web:
            image: web:2
            read_only: true
            ports: ["127.0.0.1:9090:90"]
        """

    @Test func missingValuesPointAtTheServiceKeyOfTheFirstFile() throws {
        let result = try ComposeMergeRuleTests.merge(Self.base, Self.override)
        let workload = try result.workload("web")
        #expect(workload.kind == "service")
        #expect(workload.name == "web")
        #expect(workload.path.hasSuffix("compose.yaml"))
        #expect(workload.location.shortLocation == "compose.yaml:2:3")
        #expect(workload.node.shortLocation == "compose.yaml:3:5")
        #expect(workload.objectNode.shortLocation == "compose.yaml:3:5")
        let container = try #require(workload.containers.first)
        #expect(workload.containers.count == 1)
        #expect(container.name == "web")
        #expect(container.role == .main)
        #expect(container.location.shortLocation == "compose.yaml:2:3")
        #expect(container.node.shortLocation == "compose.yaml:3:5")
        #expect(container.privileged == nil)
        #expect(workload.compose?.definitions.map(\.shortLocation) == ["compose.yaml:3:5", "override.yaml:3:5"])
    }

    @Test func everyValuePointsAtTheFileThatSetIt() throws {
        let result = try ComposeMergeRuleTests.merge(Self.base, Self.override)
        let container = try result.container("web")
        #expect(container.image?.node.shortLocation == "override.yaml:3:12")
        #expect(container.user?.node.shortLocation == "compose.yaml:4:11")
        #expect(container.readOnlyRootFilesystem?.node.shortLocation == "override.yaml:4:16")
        #expect(container.ports.map(\.node.shortLocation) == ["compose.yaml:5:13", "override.yaml:5:13"])
        #expect(container.environment.first?.node.shortLocation == "compose.yaml:7:7")
        let merged = try #require(result.merged?.value(at: ["services", "web"]))
        #expect(merged["image"]?.node?.shortLocation == "override.yaml:3:12")
        #expect(merged["image"]?.scalar?.raw == "web:2")
        #expect(merged.entry("image")?.keyNode?.shortLocation == "override.yaml:3:5")
        #expect(merged["user"]?.node?.shortLocation == "compose.yaml:4:11")
    }

    enum Variant: String, CaseIterable, Sendable {
        case multiByte
        case crlf
        case bom
        case all

        func apply(_ text: String) -> String {
            switch self {
            case .multiByte: return "# ✓ é 日本 🚀\n" + text
            case .crlf: return text.replacingOccurrences(of: "\n", with: "\r\n")
            case .bom: return "\u{FEFF}" + text
            case .all: return "\u{FEFF}" + ("# ✓ é 日本 🚀\n" + text).replacingOccurrences(of: "\n", with: "\r\n")
            }
        }

        var lineShift: Int { self == .multiByte || self == .all ? 1 : 0 }
    }

    @Test(arguments: Variant.allCases)
    func positionsSurviveEncodingDetails(_ variant: Variant) throws {
        let text = """
            services:
              café:
                image: "café:${TAG:-ünï}"
                environment:
                  GRÜSSE: "héllo 🚀"
                  AFTER: ${MISSING}
                ports: ["日本:80"]
            """
        let result = try ComposeTestProject.loadSingle(variant.apply(text))
        let shift = variant.lineShift
        let workload = try result.workload("café")
        #expect(workload.location.start.line == 2 + shift)
        #expect(workload.location.start.column == 3)
        let container = try #require(workload.containers.first)
        #expect(container.image?.value == "café:ünï")
        #expect(container.image?.node.start.line == 3 + shift)
        #expect(container.image?.node.start.column == 12)
        let after = try #require(container.environment.last)
        #expect(after.node.start.line == 6 + shift)
        #expect(after.node.start.column == 7)
        #expect(after.valueNode?.start.column == 14)
        #expect(result.warnings.map(\.shortLocation) == ["compose.yaml:\(6 + shift):14"])
        #expect(result.errors.map(\.shortLocation) == ["compose.yaml:\(7 + shift):13"])
        let source = try #require(result.sources.values.first)
        let imageNode = try #require(container.image?.node)
        #expect(source.text(imageNode.range) == "\"café:${TAG:-ünï}\"")
    }
}
