import BattenYAML
import Foundation
import Testing

@testable import Batten

/// A plaintext secret in a flow mapping is replaced by a required variable that stays one quoted
/// scalar: `{`, `}`, `:` and `?` of `${NAME:?message}` would otherwise end or split the flow mapping.
@Suite struct FlowMappingSecretFixTests {
    static let policy = PolicyResolver().resolve(selection: "production", workingDirectory: "/").policy

    @Test func requiredVariableIsQuotedInAFlowMapping() throws {
        let directory = try TemporaryDirectory.make("flow-secret")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("compose.yaml").path
        try Data(
            """
            services:
              db:
                image: example/app:1.0
                environment: {DB_PASSWORD: hunter2, MODE: prod}

            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        let request = AnalysisRequest(paths: [path], environment: [:], jobs: 1)
        let analyzer = Analyzer(policy: try #require(Self.policy), today: "2026-01-01")
        let result = analyzer.run(request) { [] }
        let selection = FixSelection(upTo: .decision, rules: ["plaintext-secret"])
        let outcome = FixSession(selection: selection).run(result) { overlay, variables in
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            patched.environment.merge(variables) { current, _ in current }
            return analyzer.run(patched) { [] }
        }
        #expect(outcome.refusals.isEmpty, "\(outcome.refusals)")
        let patch = try #require(outcome.changedPatches.first)
        let text = String(decoding: patch.patched, as: UTF8.self)
        #expect(text.contains("environment: {DB_PASSWORD: '${DB_PASSWORD:?DB_PASSWORD must be set}', MODE: prod}"), "\(text)")

        // YAML reads the value back as one string, which Compose interpolates as a required variable.
        let stream = YAMLParser.parse(SourceFile(path: path, bytes: patch.patched))
        #expect(stream.error == nil)
        let document = try #require(stream.documents.first)
        let value = try #require(document.root.map { document.value($0) })
        let environment = value["services"]?["db"]?["environment"]
        #expect(environment?["DB_PASSWORD"]?.scalarText == "${DB_PASSWORD:?DB_PASSWORD must be set}")
        #expect(environment?["MODE"]?.scalarText == "prod")
        #expect(outcome.fixed.contains { $0.ruleID == "plaintext-secret" })
    }
}
