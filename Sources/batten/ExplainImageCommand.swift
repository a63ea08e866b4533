import ArgumentParser
import Batten
import Foundation

/// `batten explain-image IMAGE`: the image profile Batten would use and why.
struct ExplainImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain-image",
        abstract: "Show the image profile Batten uses for an image: the pattern and tags that matched, each setting and its documented reason.",
        discussion: """
            Profiles come from Policies/images (built in), the policy's image-profiles directories and --image-profiles. \
            Exit codes: 0 printed (a profile or "no profile matches"), 2 a policy or profile directory that does not load.
            """
    )

    @Argument(help: "An image reference as a Compose file writes it (postgres:16, docker.io/library/redis, quay.io/keycloak/keycloak:26.0).")
    var image: String

    @Option(name: .long, help: "Policy whose image-profiles directories apply (default: .batten.yaml found upwards, else production).")
    var policy: String?

    @OptionGroup var imageProfiles: ImageProfileOptions

    func run() throws {
        let result = PolicyResolver().resolve(selection: policy)
        DiagnosticPrinter(verbose: false).print(result.diagnostics, sources: [:])
        guard let resolved = result.policy else { throw BattenExit.couldNotAnalyse }
        let library = try imageProfiles.apply(to: resolved).imageProfiles
        FileHandle.standardOutput.write(Data(ImageProfileExplanation(image: image, library: library).text().utf8))
    }
}
