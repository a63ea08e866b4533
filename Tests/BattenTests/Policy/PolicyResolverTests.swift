import BattenYAML
import Foundation
import Testing

@testable import Batten

/// `--policy`, `.batten.yaml` discovery, `extends` chains and cycles.
struct PolicyResolverTests {
    static func directory(_ files: [String: String]) throws -> URL {
        let root = try TemporaryDirectory.make("policy")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test func projectPolicyIsFoundUpwards() throws {
        let root = try Self.directory([".batten.yaml": "extends: baseline\nfail-on: low\n", "deploy/k8s/x.yaml": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = PolicyResolver().resolve(selection: nil, workingDirectory: root.appendingPathComponent("deploy/k8s").path)
        let policy = try #require(result.policy, "\(result.diagnostics)")
        #expect(policy.failOn == .low)
        #expect(policy.chain.first == "builtin:baseline")
        #expect(policy.isEnabled("privileged-container"))
        #expect(!policy.isEnabled("memory-limit"))
    }

    @Test func withoutPolicyFileTheDefaultIsProduction() throws {
        let root = try Self.directory(["x.yaml": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(PolicyResolver.findProjectPolicy(from: root.path) == nil || PolicyResolver.findProjectPolicy(from: root.path)?.hasPrefix(root.path) == false)
        let policy = try #require(PolicyResolver().resolve(selection: "production").policy)
        #expect(policy.name == "production")
    }

    @Test func extendsIsRelativeToTheExtendingFile() throws {
        let root = try Self.directory([
            "policies/team.yaml": "extends: base/common.yaml\nrules:\n  cpu-limit: false\n",
            "policies/base/common.yaml": "extends: restricted\nrules:\n  memory-limit: true\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = PolicyResolver().resolve(selection: "policies/team.yaml", workingDirectory: root.path)
        let policy = try #require(result.policy, "\(result.diagnostics)")
        #expect(policy.isEnabled("memory-limit"))
        #expect(policy.isEnabled("seccomp-not-set"))
        #expect(!policy.isEnabled("cpu-limit"))
        #expect(policy.chain.count == 4)
    }

    @Test func extendsCycleIsAnError() throws {
        let root = try Self.directory(["a.yaml": "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = PolicyResolver().resolve(selection: "a.yaml", workingDirectory: root.path)
        #expect(result.policy == nil)
        #expect(result.diagnostics.contains { $0.level == .error && $0.message.contains("cycle") })
    }

    @Test func unknownPolicyNameIsAnError() {
        let result = PolicyResolver().resolve(selection: "strictest", workingDirectory: "/")
        #expect(result.policy == nil)
        #expect(result.diagnostics.first?.message.contains("baseline, restricted, production") == true)
    }
}
