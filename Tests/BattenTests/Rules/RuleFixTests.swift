import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Every fixable rule's triggering examples, fixed by `batten fix` (that rule's fixes only, review
/// ones included): the result is exactly the corrected example, in every text variant, the rule no
/// longer triggers, and fixing again changes nothing.
struct RuleFixTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var ruleID: String
        var index: Int
        var example: RuleExample
        var variant: ExampleRunner.Variant
        var testDescription: String { "\(ruleID) #\(index) \(example.format.rawValue) \(variant)" }
    }

    static let cases: [Case] = RuleRegistry.all.flatMap { rule -> [Case] in
        let description = rule.description
        guard !description.fixKinds.isEmpty else { return [] }
        return description.examples.enumerated().flatMap { index, example -> [Case] in
            guard example.kind == .triggering, example.corrected != nil else { return [] }
            return ExampleRunner.Variant.allCases.map { Case(ruleID: description.id, index: index, example: example, variant: $0) }
        }
    }

    @Test(arguments: cases)
    func fixGivesTheCorrectedExample(_ testCase: Case) throws {
        let example = testCase.example
        let corrected = try #require(example.corrected)
        let text = testCase.variant.apply(example.cleanYAML)
        let fixed = try ExampleRunner.fix(
            text, format: example.format, files: example.files, parameters: example.parameters, rule: testCase.ruleID)
        #expect(fixed.refusals.isEmpty, "\(fixed.refusals)")
        #expect(fixed.text == testCase.variant.apply(corrected), "\n\(fixed.text)")
        #expect(!fixed.stillTriggers, "the rule still triggers after its fix")
        let again = try ExampleRunner.fix(
            fixed.text, format: example.format, files: example.files, parameters: example.parameters, rule: testCase.ruleID)
        #expect(again.text == fixed.text, "fixing the fixed example changed it")
    }
}
