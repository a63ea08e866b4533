import ArgumentParser
import Foundation

@main
struct BattenBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batten-bench",
        abstract: "Benchmark batten audit against the libyaml floor on a generated corpus.",
        discussion: """
            Writes a seeded corpus of Compose projects and Kubernetes manifests to a temporary directory, then \
            measures (a) reading every file and driving libyaml's event parser over it, (a') parsing it into \
            Batten's document trees (one thread), and (b) batten audit end to end with the production policy, \
            on one thread and on every core. Each figure is the best of --runs.
            """
    )

    @Option(help: "Seed of the corpus generator; the same seed writes the same corpus.")
    var seed: UInt64 = 1

    @Option(help: "Compose projects to generate.")
    var projects: Int = 1500

    @Option(help: "Multi-document Kubernetes files to generate.")
    var manifests: Int = 1500

    @Option(help: "Deployments in the one large Kubernetes file.")
    var bulk: Int = 20_000

    @Option(help: "Repetitions of each measurement; the best is reported.")
    var runs: Int = 3

    @Option(help: "Threads for the parallel measurements (default: every active core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Process launches for the small-file latency (0 to skip).")
    var launches: Int = 30

    @Option(help: "Report format rendered by the audit measurement: json or text.")
    var format: BenchFormat = .json

    @Flag(help: "Keep the corpus directory after the run.")
    var keep = false

    func run() throws {
        let machine = Machine.describe()
        print("batten-bench  seed \(seed)  \(machine)")
        let corpus = try Corpus.write(
            seed: seed, shape: Corpus.Shape(composeProjects: projects, kubernetesFiles: manifests, bulkDeployments: bulk))
        defer { if !keep { corpus.remove() } }
        let megabytes = Double(corpus.yamlBytes) / 1_000_000
        print(
            String(
                format: "corpus: %d YAML files, %.1f MB in %@ (%d Compose projects in %d files; %d Kubernetes files; 1 file of %d Deployments, %.1f MB)",
                corpus.yamlFiles.count, megabytes, corpus.root, corpus.composeProjects, corpus.composeFiles,
                corpus.kubernetesFiles, corpus.bulkDeployments, Double(corpus.bulkFileBytes) / 1_000_000))
        print("audit: production policy, \(format.rawValue) report, in process; best of \(runs) runs")
        print("")

        if launches > 0 {
            if let binary = LaunchLatency.battenBinary() {
                let directory = corpus.root + "-small"
                defer { try? FileManager.default.removeItem(atPath: directory) }
                let file = directory + "/compose.yaml"
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try Data(LaunchLatency.smallFile.utf8).write(to: URL(fileURLWithPath: file))
                let sample = try LaunchLatency.measure(binary: binary, file: file, runs: launches)
                print(
                    String(
                        format: "small file, process start included (%d launches of %@): median %.1f ms, p90 %.1f ms, fastest %.1f ms (target < 20 ms)",
                        sample.runs, sample.binary, sample.median * 1000, sample.p90 * 1000, sample.fastest * 1000))
            } else {
                print("small file latency skipped: no batten executable next to batten-bench (build it: swift build -c release --product batten)")
            }
        }
        print("")

        let floor = ParsePhase(files: corpus.yamlFiles, depth: .events)
        let trees = ParsePhase(files: corpus.yamlFiles, depth: .documents)
        let audit = try AuditPhase(root: corpus.root, format: format == .json ? .json : .text)
        _ = floor.run(jobs: 1)
        let threadCounts = jobs > 1 ? [1, jobs] : [1]
        var table = ResultTable(files: corpus.yamlFiles.count, bytes: corpus.yamlBytes)
        for threads in threadCounts {
            table.add(
                Measurement.best(of: runs, label: "(a) libyaml events", jobs: threads) {
                    _ = floor.run(jobs: threads)
                    return []
                })
        }
        table.add(
            Measurement.best(of: runs, label: "(a') document trees", jobs: 1) {
                _ = trees.run(jobs: 1)
                return []
            })
        var outcome: AuditPhase.Outcome?
        for threads in threadCounts {
            table.add(
                Measurement.best(of: runs, label: "(b) batten audit", jobs: threads) {
                    let run = audit.run(jobs: threads)
                    outcome = run
                    return [(name: "of which writing the \(format.rawValue) report", seconds: run.reportSeconds)]
                })
        }
        var processes: [ProcessPeak.Sample] = []
        if let binary = LaunchLatency.battenBinary() {
            for threads in threadCounts {
                processes.append(try ProcessPeak.measure(binary: binary, root: corpus.root, format: format.rawValue, jobs: threads))
            }
        }
        table.print(limit: 3 * corpus.yamlBytes + 50_000_000, processes: processes)
        if let outcome {
            print(
                "audit result: \(outcome.workloads) workloads, \(outcome.findings) findings, \(outcome.diagnostics) diagnostics, report \(outcome.reportBytes) bytes"
            )
        }
    }
}

/// The report formats the benchmark renders.
enum BenchFormat: String, ExpressibleByArgument {
    case json
    case text
}
