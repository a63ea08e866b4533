import ArgumentParser
import Batten

/// The `--include` values of `fix` and `override`: which fixes beyond the safe ones are applied.
enum FixInclusion: String, ExpressibleByArgument, CaseIterable {
    /// Fixes Batten knows the image works with (`known`); `review` is the older name.
    case review
    case known
    /// Decisions too: fixes Batten cannot know about.
    case decisions

    /// The kinds applied under `policy`: `review` and `known` include the decisions when the policy
    /// says `apply-decisions: true`.
    func upTo(_ policy: ResolvedPolicy) -> FixKind {
        switch self {
        case .review, .known: return policy.appliesDecisions ? .decision : .known
        case .decisions: return .decision
        }
    }
}
