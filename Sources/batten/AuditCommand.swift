import ArgumentParser
import Batten

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit Compose projects and Kubernetes manifests.",
        discussion: """
            Exit codes: 0 no finding at or above the threshold, 1 findings at or above it (--fail-on, else the \
            policy's fail-on, else high), 2 some input could not be analysed, 64 a usage error (an --output or --write-baseline \
            file that is an input of the run, or an existing file that batten did not write, without --force).
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var baseline: BaselineOptions

    func run() throws {
        try AuditRun(
            input: input, policyOptions: policyOptions, output: output, baselineOptions: baseline, implicitBaseline: nil,
            showsDetails: true
        ).run()
    }
}
