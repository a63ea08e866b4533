import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Policies are validated with located errors.
struct PolicyParserTests {
    static func parse(_ text: String) -> PolicyParser.Result {
        PolicyParser().parse(SourceFile(path: "policy.yaml", text: text))
    }

    struct BadPolicy: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var location: String
        var message: String
        var testDescription: String { name }
    }

    static let badPolicies: [BadPolicy] = [
        BadPolicy(
            name: "typo in a rule id", text: "rules:\n  privileged-containr: true\n",
            location: "2:3", message: "unknown rule id `privileged-containr`; did you mean `privileged-container`?"),
        BadPolicy(
            name: "bad severity", text: "rules:\n  privileged-container: catastrophic\n",
            location: "2:25", message: "rule `privileged-container` takes true, false, a severity, or a mapping with enabled / severity / parameters"),
        BadPolicy(
            name: "bad severity in a mapping", text: "rules:\n  privileged-container:\n    severity: urgent\n",
            location: "3:15", message: "unknown severity `urgent`; expected one of info, low, medium, high, critical"),
        BadPolicy(
            name: "parameter of the wrong type", text: "rules:\n  pids-limit:\n    parameters:\n      pids: many\n",
            location: "4:13", message: "parameter `pids` of rule `pids-limit` takes a integer"),
        BadPolicy(
            name: "unknown parameter", text: "rules:\n  pids-limit:\n    parameters:\n      maximum: 10\n",
            location: "4:7", message: "rule `pids-limit` has no parameter `maximum`; it takes pids"),
        BadPolicy(
            name: "exemption without a reason", text: "exemptions:\n  - rule: host-namespaces\n    target: {service: exporter}\n",
            location: "2:5", message: "exemption for `host-namespaces` has no `reason`: say why it is safe"),
        BadPolicy(
            name: "exemption for an unknown rule", text: "exemptions:\n  - rule: host-namespace\n    reason: x\n",
            location: "2:11", message: "unknown rule id `host-namespace`; did you mean `host-namespaces`?"),
        BadPolicy(
            name: "bad expiry", text: "exemptions:\n  - rule: host-namespaces\n    reason: x\n    expires: next year\n",
            location: "4:14", message: "`expires` must be a date written YYYY-MM-DD"),
        BadPolicy(
            name: "expiry on a day the calendar does not have", text: "exemptions:\n  - rule: host-namespaces\n    reason: x\n    expires: 2020-02-30\n",
            location: "4:14", message: "`expires` 2020-02-30 is not a date of the calendar"),
        BadPolicy(
            name: "expiry in month 13", text: "exemptions:\n  - rule: host-namespaces\n    reason: x\n    expires: 2025-13-01\n",
            location: "4:14", message: "`expires` 2025-13-01 is not a date of the calendar"),
        BadPolicy(
            name: "unknown key", text: "rule:\n  pids-limit: true\n",
            location: "1:1",
            message: "unknown policy key `rule`; expected name, description, extends, fail-on, pss-version, rules, exemptions, image-profiles, apply-decisions"),
        BadPolicy(
            name: "apply-decisions not a boolean", text: "apply-decisions: sometimes\n",
            location: "1:18", message: "apply-decisions must be true or false"),
        BadPolicy(
            name: "bad pss version", text: "pss-version: 1.x\n",
            location: "1:14", message: "pss-version must be `latest` or `v1.N`, not `1.x`"),
        BadPolicy(
            name: "format the rule does not check", text: "rules:\n  seccomp-not-set:\n    formats: [compose]\n",
            location: "3:15", message: "rule `seccomp-not-set` does not check compose input"),
    ]

    @Test(arguments: badPolicies)
    func badPolicyIsALocatedError(_ policy: BadPolicy) throws {
        let result = Self.parse(policy.text)
        #expect(result.policy == nil)
        let error = try #require(result.diagnostics.first { $0.level == .error })
        #expect(error.path == "policy.yaml")
        #expect(error.position.map { "\($0.line):\($0.column)" } == policy.location)
        #expect(error.message == policy.message)
    }

    @Test func fullPolicyIsRead() throws {
        let result = Self.parse(
            """
            name: team
            description: our rules
            extends: production
            fail-on: medium
            pss-version: v1.29
            rules:
              cpu-limit: false
              mutable-image: low
              memory-limit:
                severity: high
                formats: [compose]
                parameters:
                  compose-memory: 1G
            exemptions:
              - rule: host-namespaces
                target: {file: "monitoring/*.yaml", service: node-exporter}
                reason: reads host process metrics
                expires: 2027-06-30
            """)
        let policy = try #require(result.policy, "\(result.diagnostics)")
        #expect(policy.name == "team")
        #expect(policy.extends == "production")
        #expect(policy.failOn == .medium)
        #expect(policy.pssVersion == PSSVersion(minor: 29))
        #expect(policy.rules["cpu-limit"]?.enabled == false)
        #expect(policy.rules["mutable-image"]?.severity == .low)
        #expect(policy.rules["memory-limit"]?.formats == [.compose])
        #expect(policy.rules["memory-limit"]?.parameters["compose-memory"] == .string("1G"))
        #expect(policy.exemptions.first?.target.service == "node-exporter")
        #expect(policy.exemptions.first?.expires == "2027-06-30")
    }

    @Test(arguments: BuiltInPolicies.names)
    func builtInPoliciesAreValid(_ name: String) throws {
        let result = PolicyResolver().resolve(selection: name, workingDirectory: "/")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let policy = try #require(result.policy)
        #expect(policy.name == name)
        for (id, _) in policy.rules { #expect(RuleRegistry.rule(id) != nil, "unknown rule \(id)") }
    }

    @Test func builtInPoliciesNest() throws {
        let baseline = try #require(PolicyResolver().resolve(selection: "baseline").policy)
        let restricted = try #require(PolicyResolver().resolve(selection: "restricted").policy)
        let production = try #require(PolicyResolver().resolve(selection: "production").policy)
        let enabled = { (policy: ResolvedPolicy) in Set(policy.rules.filter { $0.value.enabled == true }.keys) }
        #expect(enabled(baseline).isSubset(of: enabled(restricted)))
        #expect(enabled(restricted).isSubset(of: enabled(production)))
        #expect(restricted.rules["capabilities-added"]?.parameters["allowed"] == .strings(["NET_BIND_SERVICE"]))
        #expect(restricted.rules["runs-as-root"]?.parameters["check-group"] == .bool(false))
        #expect(production.rules["runs-as-root"]?.parameters["check-group"] == .bool(true))
        #expect(production.chain == ["builtin:baseline", "builtin:restricted", "builtin:production"])
    }

    @Test("apply-decisions is read and inherited along extends")
    func applyDecisions() throws {
        let parsed = Self.parse("apply-decisions: true\n")
        #expect(parsed.diagnostics.isEmpty)
        let policy = try #require(parsed.policy)
        #expect(policy.appliesDecisions == true)
        let resolved = ResolvedPolicy.applying(policy, over: nil)
        #expect(resolved.appliesDecisions)
        let child = ResolvedPolicy.applying(Policy(name: "child", origin: "child.yaml"), over: resolved)
        #expect(child.appliesDecisions, "a policy that says nothing inherits its base's choice")
        #expect(!ResolvedPolicy.applying(Policy(name: "plain", origin: "plain.yaml"), over: nil).appliesDecisions)
    }
}
