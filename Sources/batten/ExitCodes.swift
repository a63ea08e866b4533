import ArgumentParser

/// The documented exit codes: 0 clean, 1 findings at or above the threshold, 2 input that could not be analysed.
enum BattenExit {
    static let clean = ExitCode(0)
    static let findings = ExitCode(1)
    static let couldNotAnalyse = ExitCode(2)
}
