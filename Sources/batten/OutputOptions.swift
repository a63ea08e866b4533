import ArgumentParser
import Batten
import Foundation

/// When to colour the text report.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto
    case always
    case never
}

extension ReportFormat: ExpressibleByArgument {}

/// `--format`, `--output`, `--color`, `--show-suppressed`, `--verbose`, `--force`.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Report format: text, json, sarif, junit, github, markdown. Repeat to write several reports in one run.")
    var format: [ReportFormat] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "File for the report of the --format at the same position (- for standard output).",
            discussion: "A --format without an --output goes to standard output; only one report can.",
            valueName: "file"))
    var output: [String] = []

    @Option(name: .long, help: "Colour the text report: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @Flag(name: .customLong("show-suppressed"), help: "Also list suppressed findings in the text report.")
    var showSuppressed = false

    @Flag(name: .long, help: "Also print notes (skipped files, custom resources).")
    var verbose = false

    @Flag(
        name: .long,
        help: "Overwrite an existing --output or --write-baseline file that is not a batten report of that format (never an input of the run).")
    var force = false

    func validate() throws {
        _ = try plan()
    }

    /// The reports to write; a usage error when --format and --output do not pair.
    func plan() throws -> OutputPlan {
        do {
            return try OutputPlan(formats: format, paths: output)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The style of a text report written to `destination`.
    func style(for destination: ReportDestination) -> TerminalStyle {
        switch color {
        case .always: return TerminalStyle(enabled: true)
        case .never: return .plain
        case .auto:
            guard destination == .standardOutput else { return .plain }
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return TerminalStyle(enabled: !noColor && isatty(STDOUT_FILENO) == 1)
        }
    }

    /// The reporter of one report of the plan.
    func reporter(for output: OutputPlan.Output, showsDetails: Bool) -> any Reporter {
        output.format.reporter(style: style(for: output.destination), showSuppressed: showSuppressed, showsDetails: showsDetails)
    }

    /// Writes every report of the plan; a file that cannot be written is reported on standard error
    /// and makes the run exit with 2 once every other report is written. A report to standard
    /// output is handed on a few megabytes at a time as it is written.
    func write(_ report: Report, plan: OutputPlan, showsDetails: Bool = true) throws {
        var failed = false
        for output in plan.outputs {
            var reporter = reporter(for: output, showsDetails: showsDetails)
            switch output.destination {
            case .standardOutput:
                var written = ReportOutput { FileHandle.standardOutput.write(Data($0)) }
                reporter.write(report, into: &written)
            case .file(let path):
                do {
                    try OutputFile.write(reporter.bytes(report), to: path)
                } catch {
                    CommandError.print("cannot write the \(output.format.rawValue) report to \(path): \(error.localizedDescription)")
                    failed = true
                }
            }
        }
        if failed { throw BattenExit.couldNotAnalyse }
    }
}
