import ArgumentParser
import Batten
import Foundation

/// `--image-profiles DIR`: directories of image profiles over the built-in ones and the policy's.
struct ImageProfileOptions: ParsableArguments {
    @Option(
        name: .customLong("image-profiles"),
        help: ArgumentHelp(
            "A directory of image profiles (*.yaml) used before the built-in ones and the policy's; repeatable.",
            valueName: "dir"))
    var directories: [String] = []

    /// `policy` with the profiles of the directories added; prints their errors and exits with 2
    /// when one does not load.
    func apply(to policy: ResolvedPolicy) throws -> ResolvedPolicy {
        guard !directories.isEmpty else { return policy }
        var profiles: [ImageProfile] = []
        var diagnostics: [Diagnostic] = []
        for directory in directories {
            let loaded = ImageProfileLoader().load(directory: directory)
            diagnostics += loaded.diagnostics
            profiles += loaded.profiles
        }
        DiagnosticPrinter(verbose: false).print(diagnostics, sources: [:])
        if diagnostics.contains(where: { $0.level == .error }) { throw BattenExit.couldNotAnalyse }
        var result = policy
        result.imageProfiles = policy.imageProfiles.adding(profiles)
        return result
    }
}
