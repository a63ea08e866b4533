import ArgumentParser
import Batten

@main
struct BattenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batten",
        abstract: "Find what makes a container dangerous, explain it, and write the fix.",
        version: BattenVersion.described,
        subcommands: [
            AuditCommand.self, CheckCommand.self, FixCommand.self, OverrideCommand.self, ConfigCommand.self, RulesCommand.self,
            ExplainCommand.self, ExplainImageCommand.self,
        ],
        defaultSubcommand: AuditCommand.self
    )

    static func main() {
        SignalCleanup.install()
        StartupWarmUp.begin(arguments: Array(CommandLine.arguments.dropFirst()))
        main(nil)
    }
}
