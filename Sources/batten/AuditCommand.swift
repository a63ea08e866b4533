import ArgumentParser
import Batten
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit Compose projects and Kubernetes manifests."
    )

    @OptionGroup var input: InputOptions

    @Flag(name: .long, help: "Also print notes (skipped files, custom resources).")
    var verbose = false

    func run() throws {
        let loaded = InputLoader().load(input.request)
        DiagnosticPrinter(verbose: verbose).print(loaded.diagnostics, sources: loaded.sources)
        for workload in loaded.workloads {
            let containers = workload.containers.map(\.name).joined(separator: ", ")
            print("\(workload.path): \(workload.displayName) [\(containers)]")
        }
        print("\(loaded.workloads.count) workloads loaded")
        if loaded.hasErrors { throw BattenExit.couldNotAnalyse }
    }
}
