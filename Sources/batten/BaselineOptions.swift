import ArgumentParser
import Batten
import BattenYAML
import Foundation

/// `--baseline` and `--write-baseline`.
struct BaselineOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Treat the findings recorded in this baseline file as suppressed: only new findings count.", valueName: "file"))
    var baseline: String?

    @Option(
        name: .customLong("write-baseline"),
        help: ArgumentHelp(
            "Record the current findings in this baseline file; the run then exits 0 unless some input could not be analysed.",
            valueName: "file"))
    var writeBaseline: String?

    /// The baseline at `path`, or nil after printing why it cannot be used as
    /// `path:line:col: error: …` (a missing, unreadable or oversized file, or one that is not a Batten
    /// baseline); the run then reports without it and exits with 2.
    static func load(_ path: String) -> Baseline? {
        let bytes: [UInt8]
        switch FileReader.disk.contents(of: path, limit: YAMLLimits.default.maxFileSize) {
        case .success(let read):
            bytes = read
        case .failure(let failure):
            DiagnosticPrinter(verbose: false).print(
                [Diagnostic(level: .error, path: path, position: nil, message: "cannot read the baseline file: \(failure)")],
                sources: [:])
            return nil
        }
        do {
            return try Baseline.parse(bytes)
        } catch {
            DiagnosticPrinter(verbose: false).print(
                [Diagnostic(level: .error, path: path, position: error.position, message: error.description)], sources: [:])
            return nil
        }
    }

    /// Writes the findings that are not suppressed by the policy or the manifest to `path`.
    static func write(_ findings: [Finding], to path: String) throws {
        let baseline = Baseline(recording: findings)
        do {
            try OutputFile.write(baseline.render(), to: path)
        } catch {
            CommandError.print("cannot write the baseline to \(path): \(error.localizedDescription)")
            throw BattenExit.couldNotAnalyse
        }
        let count = baseline.entries.count
        CommandError.note("recorded \(count) finding\(count == 1 ? "" : "s") in \(path)")
    }
}
