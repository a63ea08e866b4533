import Batten
import BattenYAML
import Testing

/// Every example of every rule, in every text variant: triggering examples report exactly at their
/// `↓` markers, passing and corrected examples report nothing.
struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var ruleID: String
        var index: Int
        var example: RuleExample
        var variant: ExampleRunner.Variant

        var testDescription: String { "\(ruleID) #\(index) \(example.kind.rawValue) \(example.format.rawValue) \(variant)" }
    }

    static let cases: [Case] = RuleRegistry.all.flatMap { rule in
        rule.description.examples.enumerated().flatMap { index, example in
            ExampleRunner.Variant.allCases.map { Case(ruleID: rule.description.id, index: index, example: example, variant: $0) }
        }
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) throws {
        let example = testCase.example
        let outcome = try ExampleRunner.run(
            testCase.variant.apply(example.cleanYAML), format: example.format, files: example.files,
            parameters: example.parameters)
        let errors = outcome.diagnostics.filter { $0.level == .error }
        #expect(errors.isEmpty, "example does not load: \(errors.map(\.description))")
        let own = outcome.findings.filter { $0.ruleID == testCase.ruleID && !$0.isSuppressed }
        switch example.kind {
        case .triggering:
            let expected = example.markedPositions.map { "\($0.line + testCase.variant.lineShift):\($0.column)" }.sorted()
            let actual = own.map { "\($0.location.line):\($0.location.column)" }.sorted()
            #expect(!expected.isEmpty, "a triggering example needs at least one ↓ marker")
            #expect(actual == expected, "findings: \(own.map(\.message))")
        case .nonTriggering:
            #expect(own.isEmpty, "unexpected findings: \(own.map { "\($0.location.line):\($0.location.column) \($0.message)" })")
        }
        if let corrected = example.corrected {
            let fixed = try ExampleRunner.run(
                testCase.variant.apply(corrected), format: example.format, files: example.files,
                parameters: example.parameters)
            let remaining = fixed.findings.filter { $0.ruleID == testCase.ruleID && !$0.isSuppressed }
            #expect(remaining.isEmpty, "the corrected example still triggers: \(remaining.map(\.message))")
        }
    }
}
