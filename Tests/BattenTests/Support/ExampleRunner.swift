import BattenYAML
import Foundation

@testable import Batten

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

    struct FixResult {
        /// The main file after the fix.
        var text: String
        var refusals: [FixRefusal]
        /// True when the rule still reports an unsuppressed finding after the fix.
        var stillTriggers: Bool
    }

    /// Applies one rule's fixes (decisions included, unless `upTo` says otherwise) to `text` the way
    /// `batten fix` does, with every rule enabled for the re-audit.
    static func fix(
        _ text: String, format: InputFormat, files: [String: String] = [:], parameters: [String: ParameterValue] = [:],
        rule: String, upTo: FixKind = .decision
    ) throws -> FixResult {
        try fix(text, format: format, files: files, parameters: parameters, rules: [rule], upTo: upTo)
    }

    /// Applies the fixes of `rules` up to kind `upTo` to `text` the way `batten fix` does, with every
    /// rule enabled for the re-audit; `stillTriggers` says whether one of `rules` still reports.
    static func fix(
        _ text: String, format: InputFormat, files: [String: String] = [:], parameters: [String: ParameterValue] = [:],
        rules: Set<String>, upTo: FixKind
    ) throws -> FixResult {
        let directory = try write(text, format: format, files: files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = ResolvedPolicy.only(RuleRegistry.all, parameters: parameters)
        let analyzer = Analyzer(policy: policy, today: "2026-01-01")
        let request = AnalysisRequest(paths: [directory.path], environment: [:])
        let before = analyzer.run(request)
        let outcome = FixSession(selection: FixSelection(upTo: upTo, rules: rules)).runUntilStable(before) { overlay, variables in
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            patched.environment.merge(variables) { current, _ in current }
            return analyzer.run(patched)
        }
        let main = directory.appendingPathComponent(format == .compose ? "compose.yaml" : "manifest.yaml").path
        let patched = outcome.changedPatches.first { FileReader.absolute($0.path) == FileReader.absolute(main) }?.patched
        var overlay: [String: [UInt8]] = [:]
        for patch in outcome.changedPatches { overlay[patch.path] = patch.patched }
        var after = request
        after.reader = FileReader(overlay: overlay)
        let reaudit = analyzer.run(after)
        return FixResult(
            text: patched.map { String(decoding: $0, as: UTF8.self) } ?? text, refusals: outcome.refusals,
            stillTriggers: reaudit.findings.contains { rules.contains($0.ruleID) && !$0.isSuppressed })
    }

    /// Writes an example project to a new temporary directory.
    static func write(_ text: String, format: InputFormat, files: [String: String]) throws -> URL {
        let directory = try TemporaryDirectory.make("example")
        let mainName = format == .compose ? "compose.yaml" : "manifest.yaml"
        try Data(text.utf8).write(to: directory.appendingPathComponent(mainName))
        for (name, content) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        return directory
    }

    /// Loads `text` as the example's main file (plus its other files) and audits it.
    static func run(
        _ text: String, format: InputFormat, files: [String: String] = [:], parameters: [String: ParameterValue] = [:],
        rules: [any Rule.Type] = RuleRegistry.all
    ) throws -> Outcome {
        let directory = try write(text, format: format, files: files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let request = AnalysisRequest(paths: [directory.path], environment: [:])
        let loaded = InputLoader().load(request)
        let policy = ResolvedPolicy.only(rules, parameters: parameters)
        let findings = Auditor(policy: policy, today: "2026-01-01", registry: rules).audit(loaded.workloads, configMaps: loaded.configMaps)
        return Outcome(findings: findings, diagnostics: loaded.diagnostics)
    }
}
