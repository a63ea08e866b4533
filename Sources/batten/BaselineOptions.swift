import ArgumentParser
import Batten
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

    /// The baseline at `path`; prints why and exits with 2 when it cannot be read.
    static func load(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            CommandError.print("\(path): cannot read the baseline file")
            throw BattenExit.couldNotAnalyse
        }
        do {
            return try Baseline.parse(Array(data))
        } catch {
            CommandError.print("\(path): \(error.description)")
            throw BattenExit.couldNotAnalyse
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
