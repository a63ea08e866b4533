import BattenYAML
import Foundation
import Testing

@testable import Batten

/// The one harness for testing rules outside their own examples (which ExampleRunner runs): load
/// manifests through the real loaders, then run one rule on the workloads directly (`run`,
/// `findings`, `single`, with chosen parameters and Pod Security Standards version), through the
/// auditor (`audit`), or a family of rules under a built-in policy (`policyFindings`).
enum RuleHarness {
    // MARK: Loading

    /// The workloads of a Compose project made of `text` as `compose.yaml` plus `files`.
    static func compose(_ text: String, files: [String: String] = [:]) throws -> [Workload] {
        try load(text, format: .compose, files: files, environment: ["HOME": "/home/dev"])
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

    /// The workloads of `text` written as the main file of a temporary project, loaded with an
    /// empty environment and nothing linked by hand.
    static func workloads(_ text: String, format: InputFormat) throws -> [Workload] {
        try load(text, format: format, files: [:], environment: [:])
    }

    /// The workloads of the example project ExampleRunner writes for `text` and `files`, loaded
    /// with `environment`; the project is removed afterwards.
    private static func load(
        _ text: String, format: InputFormat, files: [String: String], environment: [String: String]
    ) throws -> [Workload] {
        let directory = try ExampleRunner.write(text, format: format, files: files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = InputLoader().load(AnalysisRequest(paths: [directory.path], environment: environment))
        let errors = loaded.diagnostics.filter { $0.level == .error }
        #expect(errors.isEmpty, "load errors: \(errors.map(\.description))")
        return loaded.workloads
    }

    // MARK: One rule on loaded workloads

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

    // MARK: A family of rules under a built-in policy

    /// The rules of the host isolation and filesystem families.
    static let familyRules: [any Rule.Type] = HostIsolationRules.all + FilesystemRules.all
    static let familyRuleIDs = Set(familyRules.map { $0.description.id })

    /// The findings of those two families under the built-in policy `name` (`baseline`, `restricted`).
    static func policyFindings(_ name: String, kubernetes text: String, pssVersion: PSSVersion? = nil) throws -> [Finding] {
        let resolved = PolicyResolver().resolve(selection: name, workingDirectory: FileManager.default.temporaryDirectory.path)
        var policy = try #require(resolved.policy, "policy \(name): \(resolved.diagnostics.map(\.description))")
        if let pssVersion { policy.pssVersion = pssVersion }
        let findings = Auditor(policy: policy, today: "2026-01-01", registry: familyRules).audit(try kubernetes(text))
        return findings.filter { familyRuleIDs.contains($0.ruleID) && !$0.isSuppressed }
    }

    // MARK: Where a finding points

    /// `line:column` of a finding.
    static func position(_ finding: Finding) -> String { "\(finding.location.line):\(finding.location.column)" }

    /// The text of `node` in its file (for checking where a change points).
    static func text(of node: NodeRef?) -> String? {
        node.map { $0.source.text($0.range) }
    }

    // MARK: Through the auditor

    /// The findings of `rule` on `yaml` through the real loaders and the auditor (suppressions and
    /// policy parameters applied), as ExampleRunner runs examples.
    static func audit(
        _ rule: any Rule.Type, _ format: InputFormat, _ yaml: String, parameters: [String: ParameterValue] = [:],
        files: [String: String] = [:]
    ) throws -> [Finding] {
        try ExampleRunner.run(yaml, format: format, files: files, parameters: parameters, rules: [rule]).findings
    }
}
