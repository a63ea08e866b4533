import BattenYAML
import Foundation
import Testing
@testable import Batten

/// Loads manifests through the real loaders and runs single rules of the host isolation and
/// filesystem families on them.
enum HostRuleHarness {
    /// The workloads of a Compose project made of `text` as `compose.yaml` plus `files`.
    static func compose(_ text: String, files: [String: String] = [:]) throws -> [Workload] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("batten-host-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(text.utf8).write(to: directory.appendingPathComponent("compose.yaml"))
        for (name, content) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        let loaded = InputLoader().load(AnalysisRequest(paths: [directory.path], environment: ["HOME": "/home/dev"]))
        let errors = loaded.diagnostics.filter { $0.level == .error }
        #expect(errors.isEmpty, "load errors: \(errors.map(\.description))")
        return loaded.workloads
    }

    /// The workloads of a Kubernetes manifest.
    static func kubernetes(_ text: String) throws -> [Workload] {
        let result = try loadKubernetes(text)
        #expect(result.errors.isEmpty, "load errors: \(result.errors.map(\.description))")
        var workloads = result.workloads
        KubernetesLoader.link(&workloads, serviceAccounts: result.serviceAccounts)
        return workloads
    }

    /// The only workload of `workloads`.
    static func single(_ workloads: [Workload], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Workload {
        try #require(workloads.count == 1, "\(workloads.count) workloads", sourceLocation: sourceLocation)
        return try #require(workloads.first, sourceLocation: sourceLocation)
    }

    /// The findings of `rule` on `workload` with its defaults overlaid by `parameters`.
    static func run<R: Rule>(
        _ rule: R.Type, on workload: Workload, parameters: [String: ParameterValue] = [:], pssVersion: PSSVersion = .latest
    ) -> [Finding] {
        let context = RuleContext(rule: R.description, overrides: parameters, pssVersion: pssVersion)
        return R().check(workload, context: context)
    }

    /// The findings of `rule` on every workload of `text` (Kubernetes).
    static func kubernetesFindings<R: Rule>(
        _ rule: R.Type, _ text: String, parameters: [String: ParameterValue] = [:], pssVersion: PSSVersion = .latest
    ) throws -> [Finding] {
        try kubernetes(text).flatMap { run(rule, on: $0, parameters: parameters, pssVersion: pssVersion) }
    }

    /// The findings of `rule` on every workload of `text` (Compose).
    static func composeFindings<R: Rule>(
        _ rule: R.Type, _ text: String, parameters: [String: ParameterValue] = [:], files: [String: String] = [:]
    ) throws -> [Finding] {
        try compose(text, files: files).flatMap { run(rule, on: $0, parameters: parameters) }
    }

    /// The rules of the two families.
    static let familyRules: [any Rule.Type] = HostIsolationRules.all + FilesystemRules.all
    static let familyRuleIDs = Set(familyRules.map { $0.description.id })

    /// The findings of the two families under the built-in policy `name` (`baseline`, `restricted`).
    static func policyFindings(_ name: String, kubernetes text: String, pssVersion: PSSVersion? = nil) throws -> [Finding] {
        let resolved = PolicyResolver().resolve(selection: name, workingDirectory: FileManager.default.temporaryDirectory.path)
        var policy = try #require(resolved.policy, "policy \(name): \(resolved.diagnostics.map(\.description))")
        if let pssVersion { policy.pssVersion = pssVersion }
        let findings = Auditor(policy: policy, today: "2026-01-01", registry: familyRules).audit(try kubernetes(text))
        return findings.filter { familyRuleIDs.contains($0.ruleID) && !$0.isSuppressed }
    }

    /// `line:column` of a finding.
    static func position(_ finding: Finding) -> String { "\(finding.location.line):\(finding.location.column)" }
}
