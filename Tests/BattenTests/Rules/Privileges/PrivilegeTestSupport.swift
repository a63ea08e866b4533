import Foundation
import Testing
@testable import Batten
import BattenYAML

/// Loads an example project the way `batten audit` does and runs privileges rules on it directly,
/// with a chosen Pod Security Standards version.
enum PrivilegeTest {
    /// The workloads of `text` written as the main file of a temporary project.
    static func workloads(_ text: String, format: InputFormat) throws -> [Workload] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("batten-privileges-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let name = format == .compose ? "compose.yaml" : "manifest.yaml"
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        let loaded = InputLoader().load(AnalysisRequest(paths: [directory.path], environment: [:]))
        let errors = loaded.diagnostics.filter { $0.level == .error }
        #expect(errors.isEmpty, "does not load: \(errors.map(\.description))")
        return loaded.workloads
    }

    /// The findings of `rule` on every workload of `text`.
    static func findings(
        _ rule: any Rule.Type, _ text: String, format: InputFormat = .kubernetes,
        parameters: [String: ParameterValue] = [:], pss: String = "latest"
    ) throws -> [Finding] {
        let version = try #require(PSSVersion(pss))
        let context = RuleContext(rule: rule.description, overrides: parameters, pssVersion: version)
        let instance = rule.init()
        return try workloads(text, format: format).flatMap { instance.check($0, context: context) }
    }

    /// The only finding of `rule` on `text`.
    static func single(
        _ rule: any Rule.Type, _ text: String, format: InputFormat = .kubernetes,
        parameters: [String: ParameterValue] = [:], pss: String = "latest",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Finding {
        let all = try findings(rule, text, format: format, parameters: parameters, pss: pss)
        try #require(all.count == 1, "\(all.count) findings: \(all.map(\.message))", sourceLocation: sourceLocation)
        return try #require(all.first, sourceLocation: sourceLocation)
    }

    /// The text of `node` in its file (for checking where a change points).
    static func text(of node: NodeRef?) -> String? {
        node.map { $0.source.text($0.range) }
    }
}
