import BattenYAML
import Foundation
import Testing

@testable import Batten

/// A small file whose aliases make every service repeat a large anchor: under the node limit, but
/// each aliased entry is a workload's setting, audited and reported once per service. The alias
/// budget (``YAMLLimits/aliasExpansionBudget(nodes:)``) stops it at the anchor, before any work.
@Suite("Alias amplification")
struct AliasAmplificationTests {
    /// `services` services whose `environment` is one anchored mapping of `variables` secrets.
    static func compose(services: Int, variables: Int) -> String {
        var text = "x-env: &big\n"
        for index in 0..<variables { text += "  API_TOKEN_\(index): s3cr3tvalue\(index)x\n" }
        text += "services:\n"
        for index in 0..<services { text += "  service\(index):\n    image: nginx:1.27\n    environment: *big\n" }
        return text
    }

    @Test("120 services × 1,000 aliased secrets stop at the anchor with a located error; the rest is audited")
    func overTheBudget() throws {
        let text = Self.compose(services: 120, variables: 1_000)
        let stream = YAMLParser.parse(text, path: "compose.yaml")
        // 120 aliases of 2,001 nodes: 240,120 nodes, under the node limit, over the alias budget.
        let error = try #require(stream.error)
        #expect(error.kind == .aliasExpansion)
        #expect(error.position == SourcePosition(offset: 7, line: 1, column: 8))
        #expect(
            error.message.hasPrefix(
                "anchor &big stands for 2001 nodes and is used by 120 aliases: the document's aliases stand for 240120 nodes, over the limit of 100000"))
        #expect(stream.documents.isEmpty)

        let workspace = try HostileWorkspace("alias-amplification")
        defer { workspace.remove() }
        let compose = try workspace.write("stack/compose.yaml", text)
        try workspace.writeGoodManifest()
        let result = RobustnessPipeline.audit([workspace.root.path])
        let diagnostic = try #require(result.diagnostics.first { $0.path == compose && $0.level == .error })
        #expect(diagnostic.position?.line == 1)
        #expect(diagnostic.position?.column == 8)
        #expect(diagnostic.message.contains("anchor &big"))
        #expect(!result.findings.contains { $0.location.path == compose })
        #expect(RobustnessPipeline.goodPodWasAudited(result))
        #expect(result.exitCode(threshold: .critical) == 2)
    }

    @Test("100 aliases of a 100 KB value stop at the anchor: the text they stand for counts too")
    func aliasedText() throws {
        var text = "x-value: &value " + String(repeating: "s", count: 100_000) + "\n"
        text += "services:\n  app:\n    image: nginx:1.27\n    environment:\n"
        for index in 0..<100 { text += "      SECRET_KEY_\(index): *value\n" }
        let workspace = try HostileWorkspace("alias-text")
        defer { workspace.remove() }
        let compose = try workspace.write("stack/compose.yaml", text)
        try workspace.writeGoodManifest()
        let result = RobustnessPipeline.audit([workspace.root.path])
        let diagnostic = try #require(result.diagnostics.first { $0.path == compose && $0.level == .error })
        #expect(diagnostic.position?.line == 1)
        #expect(diagnostic.position?.column == 10)
        #expect(
            diagnostic.message.hasPrefix(
                "anchor &value stands for 100000 bytes of text and is used by 100 aliases: the document's aliases stand for 10000000 bytes of text, over the limit of 8388608"
            ))
        #expect(RobustnessPipeline.goodPodWasAudited(result))
        #expect(result.exitCode(threshold: .critical) == 2)
    }

    @Test("a test-sized budget is enforced the same way on Kubernetes documents")
    func testSizedBudget() throws {
        let workspace = try HostileWorkspace("alias-budget")
        defer { workspace.remove() }
        let manifest = try workspace.write(
            "config.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: amplified
            data:
              base: &base [a, b, c, d, e, f, g, h, i, j]
              copies: [*base, *base, *base, *base, *base, *base, *base, *base]

            """)
        try workspace.writeGoodManifest()
        let limits = YAMLLimits(maxAliasExpansion: 50, aliasExpansionFactor: 2)
        let result = RobustnessPipeline.audit([workspace.root.path], limits: limits)
        let diagnostic = try #require(result.diagnostics.first { $0.path == manifest })
        #expect(diagnostic.level == .error)
        #expect(diagnostic.position?.line == 6)
        #expect(diagnostic.message.contains("anchor &base stands for 11 nodes and is used by 8 aliases"))
        #expect(RobustnessPipeline.goodPodWasAudited(result))
        #expect(result.exitCode(threshold: .critical) == 2)
        #expect(!RobustnessPipeline.audit([manifest]).diagnostics.contains { $0.level == .error })
    }

    @Test("under the budget, every service gets its findings for the aliased entries, once each")
    func underTheBudget() throws {
        let (result, _) = RobustnessPipeline.runAll(Array(Self.compose(services: 40, variables: 50).utf8))
        #expect(!result.diagnostics.contains { $0.level == .error })
        let secrets = result.findings.filter { $0.ruleID == "plaintext-secret" }
        #expect(secrets.count == 40 * 50)
        #expect(Set(secrets.map { "\($0.target.name) \($0.location.start.offset)" }).count == secrets.count)
    }
}
