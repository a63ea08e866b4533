import Batten
import BattenYAML
import Foundation

/// Writes a rule example to a temporary project, loads it the way `batten audit` does, and audits it
/// with every rule enabled.
struct ExampleRunner {
    /// How the example text is varied before it is read.
    enum Variant: String, CaseIterable, Sendable, CustomStringConvertible {
        case plain
        /// A comment line of multi-byte characters in front: lines move down by one.
        case multiByte
        /// CRLF line ends.
        case crlf
        /// A UTF-8 byte-order mark in front.
        case bom

        var description: String { rawValue }

        func apply(_ text: String) -> String {
            switch self {
            case .plain: return text
            case .multiByte: return "# ✓ é 日本 🚀 ünïcödé\n" + text
            case .crlf: return text.replacingOccurrences(of: "\n", with: "\r\n")
            case .bom: return "\u{FEFF}" + text
            }
        }

        var lineShift: Int { self == .multiByte ? 1 : 0 }
    }

    struct Outcome {
        var findings: [Finding]
        var diagnostics: [Diagnostic]
    }

    /// Loads `text` as the example's main file (plus its other files) and audits it.
    static func run(
        _ text: String, format: InputFormat, files: [String: String] = [:], parameters: [String: ParameterValue] = [:],
        rules: [any Rule.Type] = RuleRegistry.all
    ) throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("batten-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let mainName = format == .compose ? "compose.yaml" : "manifest.yaml"
        try Data(text.utf8).write(to: directory.appendingPathComponent(mainName))
        for (name, content) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        let request = AnalysisRequest(paths: [directory.path], environment: [:])
        let loaded = InputLoader().load(request)
        let policy = ResolvedPolicy.only(rules, parameters: parameters)
        let findings = Auditor(policy: policy, today: "2026-01-01", registry: rules).audit(loaded.workloads)
        return Outcome(findings: findings, diagnostics: loaded.diagnostics)
    }
}
