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
        guard let text = RuleCatalog.load().explain(ruleID) else {
            FileHandle.standardError.write(Data("batten: no rule `\(ruleID)`; see `batten rules`\n".utf8))
            throw BattenExit.couldNotAnalyse
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
