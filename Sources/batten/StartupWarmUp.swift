import Batten
import Dispatch

/// Start-up work that every analysing command needs, begun on another core while the command line
/// is parsed: on a small file the built-in image profiles took a fifth of the run.
enum StartupWarmUp {
    /// The first arguments of the commands that never read an image profile.
    private static let needsNoProfiles: Set<String> = [
        "rules", "explain", "help", "-h", "--help", "--version", "--generate-completion-script",
        "--experimental-dump-help",
    ]

    static func begin(arguments: [String]) {
        if let first = arguments.first, needsNoProfiles.contains(first) { return }
        DispatchQueue.global(qos: .userInitiated).async {
            ImageProfileLibrary.warmUp()
        }
    }
}
