import ArgumentParser
import Batten
import Foundation

/// `batten audit` with the defaults of a pre-merge gate.
struct CheckCommand: ParsableCommand {
    /// The baseline `check` uses when the working directory has one and no --baseline is given.
    static let defaultBaseline = ".batten-baseline.json"

    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "The pre-merge gate: audit with a compact text report and the project's baseline.",
        discussion: """
            The same as `batten audit`, with two defaults for CI: the text report prints one line per finding \
            (no source lines), and \(defaultBaseline) in the working directory is used as the baseline when it \
            exists and --baseline is not given. Exit codes: 0 no new finding at or above the threshold, 1 new \
            findings at or above it, 2 some input could not be analysed, 64 a usage error (an --output or --write-baseline \
            file that is an input of the run, or an existing file that batten did not write, without --force).
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var baseline: BaselineOptions

    func run() throws {
        let implicit = FileManager.default.fileExists(atPath: Self.defaultBaseline) ? Self.defaultBaseline : nil
        try AuditRun(
            input: input, policyOptions: policyOptions, output: output, baselineOptions: baseline,
            implicitBaseline: implicit, showsDetails: false
        ).run()
    }
}
