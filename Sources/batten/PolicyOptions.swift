import ArgumentParser
import Batten
import Foundation

/// `--policy`, `--fail-on` and `--image-profiles`.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: "Policy: baseline, restricted, production, or a policy file (default: .batten.yaml found upwards, else production).")
    var policy: String?

    @Option(
        name: .customLong("fail-on"),
        help: "Exit 1 when a finding is at or above this severity (info, low, medium, high, critical); default: the policy's fail-on, else high.")
    var failOn: Severity?

    @OptionGroup var imageProfiles: ImageProfileOptions

    /// The resolved policy with the `--image-profiles` directories; prints its errors and exits with
    /// 2 when it cannot be loaded.
    func resolve() throws -> ResolvedPolicy {
        let result = PolicyResolver().resolve(selection: policy)
        DiagnosticPrinter(verbose: false).print(result.diagnostics, sources: [:])
        guard let resolved = result.policy else { throw BattenExit.couldNotAnalyse }
        return try imageProfiles.apply(to: resolved)
    }

    func threshold(for policy: ResolvedPolicy) -> Severity { failOn ?? policy.failOn }
}

extension Severity: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
