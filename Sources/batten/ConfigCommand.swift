import ArgumentParser
import Batten

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the loaded model as JSON: the merged Compose project, or the Kubernetes workloads."
    )

    @OptionGroup var input: InputOptions

    @Flag(name: .long, help: "Also print notes (skipped files, custom resources).")
    var verbose = false

    func run() throws {
        let loaded = InputLoader().load(input.request)
        DiagnosticPrinter(verbose: verbose).print(loaded.diagnostics, sources: loaded.sources)
        var documents: [JSONValue] = loaded.composeProjects.map(ComposeConfigJSON.render)
        let kubernetes = loaded.workloads.filter { $0.format == .kubernetes }
        if !kubernetes.isEmpty || loaded.composeProjects.isEmpty {
            documents.append(KubernetesConfigJSON.render(kubernetes))
        }
        for document in documents { print(document.render(pretty: true)) }
        if loaded.hasErrors { throw BattenExit.couldNotAnalyse }
    }
}
