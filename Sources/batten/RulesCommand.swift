import ArgumentParser
import Batten
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules: id, severity, formats, the built-in policies that enable them, references."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Option(name: .long, help: "text or json.")
    var format: Format = .text

    func run() throws {
        let catalog = RuleCatalog.load()
        let text = format == .json ? catalog.json().render(pretty: true) + "\n" : catalog.text()
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule: rationale, remediation, references, parameters and examples."
    )

    @Argument(help: "The rule id (see `batten rules`).")
    var ruleID: String

    func run() throws {
        let catalog = RuleCatalog.load()
        guard let text = catalog.explain(ruleID) else {
            let close = catalog.suggestions(for: ruleID).prefix(3).map { "`\($0)`" }
            let hint = close.isEmpty ? "see `batten rules`" : "did you mean \(close.joined(separator: " or "))?"
            FileHandle.standardError.write(Data("batten: no rule `\(ruleID)`; \(hint)\n".utf8))
            throw BattenExit.couldNotAnalyse
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
