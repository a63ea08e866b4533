import Batten
import Testing

/// Every rule documents itself and carries examples for each format it checks.
struct RuleRegistryTests {
    static let rules: [RuleDescription] = RuleRegistry.all.map { $0.description }

    @Test func idsAreUniqueAndKebabCase() {
        let ids = Self.rules.map(\.id)
        #expect(Set(ids).count == ids.count, "duplicate rule ids")
        for id in ids {
            let valid =
                !id.isEmpty && id.first?.isLetter == true
                && id.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }
                && !id.contains("--") && !id.hasSuffix("-")
            #expect(valid, "rule id `\(id)` is not kebab-case")
        }
    }

    @Test(arguments: rules.map(\.id))
    func ruleIsDocumented(_ id: String) throws {
        let rule = try #require(Self.rules.first { $0.id == id })
        #expect(!rule.title.isEmpty)
        #expect(rule.rationale.count >= 40, "rationale too short")
        #expect(!rule.remediation.isEmpty)
        #expect(!rule.formats.isEmpty)
        if rule.family != .meta {
            #expect(!rule.references.isEmpty, "no CIS / PSS / other reference")
        }
        for parameter in rule.parameters {
            #expect(!parameter.summary.isEmpty, "parameter \(parameter.name) undocumented")
        }
    }

    @Test(arguments: rules.map(\.id))
    func ruleHasExamplesForEachFormat(_ id: String) throws {
        let rule = try #require(Self.rules.first { $0.id == id })
        for format in rule.formats {
            let examples = rule.examples.filter { $0.format == format }
            #expect(examples.contains { $0.kind == .triggering }, "no triggering \(format) example")
            #expect(examples.contains { $0.kind == .nonTriggering }, "no passing \(format) example")
        }
        for example in rule.examples {
            #expect(rule.formats.contains(example.format), "example for a format the rule does not check")
        }
        if !rule.fixKinds.isEmpty {
            #expect(rule.examples.contains { $0.corrected != nil }, "a fixable rule needs a corrected example")
        }
    }

    /// The auditor finds a rule's suppression side through ``Rule/asSuppressionRule``, not a cast:
    /// both must name the same rules.
    @Test(arguments: RuleRegistry.all.map { $0.description.id })
    func suppressionSideMatchesTheConformance(_ id: String) throws {
        let type = try #require(RuleRegistry.all.first { $0.description.id == id })
        let rule = type.init()
        #expect((rule.asSuppressionRule != nil) == (rule is any SuppressionRule))
    }

    @Test func mistypedIdsGetSuggestions() {
        let catalog = RuleCatalog.load()
        #expect(catalog.suggestions(for: "privileged") == ["privileged-container"])
        #expect(catalog.suggestions(for: "bind-mout") == ["bind-mount"])
        #expect(catalog.suggestions(for: "Bind-Mount").contains("bind-mount"))
        #expect(catalog.suggestions(for: "no-such-thing-at-all").isEmpty)
        #expect(catalog.suggestions(for: "").isEmpty)
    }
}
