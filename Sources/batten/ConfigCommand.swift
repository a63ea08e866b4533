import ArgumentParser
import Batten

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the loaded model as JSON: the merged Compose project, or the Kubernetes workloads.",
        discussion: """
            Secret values are masked as *** (variables, labels and annotations whose names look secret, the \
            values of --password=… style arguments, passwords in URLs, inline secret content); --show-secrets \
            prints them as loaded.
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(name: .long, help: "Also print notes (skipped files, custom resources).")
    var verbose = false

    @Flag(name: .long, help: "Print secret values as loaded instead of masking them.")
    var showSecrets = false

    func run() throws {
        let loaded = InputLoader().load(input.request)
        DiagnosticPrinter(verbose: verbose).print(loaded.diagnostics, loaded: loaded)
        var documents: [JSONValue] = loaded.composeProjects.map(ComposeConfigJSON.render)
        let kubernetes = loaded.workloads.filter { $0.format == .kubernetes }
        if !kubernetes.isEmpty || loaded.composeProjects.isEmpty {
            documents.append(KustomizeConfigRelocation.relocate(KubernetesConfigJSON.render(kubernetes), loaded: loaded))
        }
        for document in documents {
            print((showSecrets ? document : ConfigRedaction.masked(document)).render(pretty: true))
        }
        if loaded.hasErrors { throw BattenExit.couldNotAnalyse }
    }
}
