import ArgumentParser

/// The documented exit codes: 0 clean, 1 findings at or above the threshold, 2 input that could not be
/// analysed, 64 a usage error.
enum BattenExit {
    static let clean = ExitCode(0)
    static let findings = ExitCode(1)
    static let couldNotAnalyse = ExitCode(2)
    /// A command line that cannot be carried out: options that do not pair, or a report or baseline
    /// file that would overwrite an input or a file Batten did not write.
    static let usage = ExitCode(64)
}
