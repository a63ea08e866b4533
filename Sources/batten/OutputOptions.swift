import ArgumentParser
import Batten
import Foundation

/// When to colour the text report.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto
    case always
    case never
}

/// `--color`, `--show-suppressed`, `--verbose`.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Colour the text report: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @Flag(name: .customLong("show-suppressed"), help: "Also list suppressed findings.")
    var showSuppressed = false

    @Flag(name: .long, help: "Also print notes (skipped files, custom resources).")
    var verbose = false

    var style: TerminalStyle {
        switch color {
        case .always: return TerminalStyle(enabled: true)
        case .never: return .plain
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return TerminalStyle(enabled: !noColor && isatty(STDOUT_FILENO) == 1)
        }
    }

    func write(_ report: Report) throws {
        let text = TextReporter(style: style, showSuppressed: showSuppressed).render(report)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
