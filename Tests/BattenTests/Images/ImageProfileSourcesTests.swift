import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Users add profiles with a policy's `image-profiles` and with `--image-profiles`; their errors are
/// located like policy errors.
struct ImageProfileSourcesTests {
    static let profile = """
        name: team-api
        description: Our API image.
        images: [registry.example.com/team/api]
        capabilities:
          add: []
          reason: It runs as its own user.
        user:
          image: "10001:10001"
          run-as: "10001:10001"
          reason: The Dockerfile sets USER 10001.
        writable:
          - path: /var/cache/api
            kind: tmpfs
            reason: Its response cache.
        healthcheck:
          test: ["CMD", "/api", "health"]
          reason: The binary checks itself.
        documentation:
          - url: https://git.example.com/team/api/README.md
            facts: [The image runs as 10001 and caches in /var/cache/api.]

        """

    @Test func aPolicyAddsItsDirectory() throws {
        let root = try PolicyResolverTests.directory([
            "policy/batten.yaml": "extends: production\nimage-profiles: ../profiles\n",
            "profiles/team-api.yaml": Self.profile,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = PolicyResolver().resolve(selection: "policy/batten.yaml", workingDirectory: root.path)
        let policy = try #require(result.policy, "\(result.diagnostics.map(\.description))")
        let match = try #require(policy.imageProfiles.match("registry.example.com/team/api:2.0"))
        #expect(match.profile.name == "team-api")
        #expect(policy.imageProfiles.match("postgres:16")?.profile.name == "postgres", "the built-ins stay")
        let rule = try #require(policy.enabledRules().first { $0.context.ruleID == "writable-root-filesystem" })
        #expect(rule.context.imageProfiles.match("registry.example.com/team/api")?.profile.name == "team-api")
    }

    @Test func aMissingDirectoryIsALocatedPolicyError() throws {
        let root = try PolicyResolverTests.directory(["batten.yaml": "extends: production\nimage-profiles:\n  - profiles\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = PolicyResolver().resolve(selection: "batten.yaml", workingDirectory: root.path)
        #expect(result.policy == nil)
        let error = try #require(result.diagnostics.first { $0.level == .error })
        #expect(error.path.hasSuffix("batten.yaml"))
        #expect(error.position.map { "\($0.line):\($0.column)" } == "3:5")
        #expect(error.message.contains("does not exist"))
    }

    @Test func aBadProfileInThePolicysDirectoryIsAnError() throws {
        let root = try PolicyResolverTests.directory([
            "batten.yaml": "image-profiles: profiles\n",
            "profiles/team-api.yaml": Self.profile.replacingOccurrences(of: "add: []", with: "add: [NET_BIND]"),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = PolicyResolver().resolve(selection: "batten.yaml", workingDirectory: root.path)
        #expect(result.policy == nil)
        let error = try #require(result.diagnostics.first { $0.level == .error })
        #expect(error.path.hasSuffix("profiles/team-api.yaml"))
        #expect(error.position.map { "\($0.line):\($0.column)" } == "5:9")
        #expect(error.message.hasPrefix("unknown capability `NET_BIND`"))
    }

    @Test func theLoaderReadsADirectoryInNameOrderAndRefusesDuplicates() throws {
        let root = try PolicyResolverTests.directory([
            "a.yaml": Self.profile,
            "b.yml": Self.profile.replacingOccurrences(of: "name: team-api", with: "name: team-worker"),
            "c.yaml": Self.profile,
            "notes.txt": "not a profile",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = ImageProfileLoader().load(directory: root.path, displayPath: "profiles")
        #expect(loaded.profiles.map(\.name) == ["team-api", "team-worker"])
        #expect(loaded.hasErrors)
        #expect(loaded.diagnostics.first?.message == "image profile `team-api` is also defined in profiles/a.yaml; give each profile its own name")
    }

    @Test func theNewRuleIsListedAndEnabledInProduction() {
        let catalog = RuleCatalog.load()
        #expect(catalog.rules.contains { $0.id == "unauthenticated-service" })
        #expect(catalog.policies["unauthenticated-service"] == ["production"])
        #expect(catalog.text().contains("unauthenticated-service"))
    }
}
