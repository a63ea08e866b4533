import Testing

@testable import Batten

/// Typed rule parameters: one declaration gives the name, type, default and summary, and the rule
/// reads its value through it.
struct RuleParameterTests {
    static let limit = RuleParameter<Int>(name: "limit", default: 200, summary: "A limit.")
    static let names = RuleParameter<[String]>(name: "names", default: ["a"], summary: "Some names.")

    static let described = RuleDescription(
        id: "parameter-test", title: "Parameter test", rationale: "", remediation: "", severity: .low,
        family: .meta, formats: [.compose], parameters: [limit, names], examples: [])

    @Test func unsetParameterReadsItsDefault() {
        let context = RuleContext(rule: Self.described)
        #expect(context.value(of: Self.limit) == 200)
        #expect(context.value(of: Self.names) == ["a"])
    }

    @Test func policyValueReplacesTheDefault() {
        let context = RuleContext(rule: Self.described, overrides: ["limit": .int(50), "names": .strings(["b", "c"])])
        #expect(context.value(of: Self.limit) == 50)
        #expect(context.value(of: Self.names) == ["b", "c"])
    }

    @Test func singleStringReadsAsListOfOne() {
        let context = RuleContext(rule: Self.described, overrides: ["names": .string("b")])
        #expect(context.value(of: Self.names) == ["b"])
    }

    @Test func valueOfAnotherTypeFallsBackToTheDefault() {
        let context = RuleContext(ruleID: "parameter-test", severity: .low, parameters: ["limit": .string("many")])
        #expect(context.value(of: Self.limit) == 200)
    }

    @Test func declarationIsWhatExplainAndValidationRead() throws {
        let declared = try #require(Self.described.parameter("limit"))
        #expect(declared.defaultValue == .int(200))
        #expect(declared.summary == "A limit.")
        #expect(Self.described.parameter("limits") == nil)
    }

    @Test func exampleSettingUsesTheDeclaredNameAndType() {
        let example = RuleExample.passing(.compose, "services: {}", parameters: [Self.limit.set(to: 10)])
        #expect(example.parameters == ["limit": .int(10)])
    }

    @Test(arguments: RuleRegistry.all.map { $0.description })
    func everyRuleDeclaresEachParameterOnce(_ rule: RuleDescription) {
        let names = rule.parameters.map(\.name)
        #expect(Set(names).count == names.count, "\(rule.id) declares a parameter twice")
    }
}
