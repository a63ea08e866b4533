import ArgumentParser
import Batten

/// The `--include` values of `fix` and `override`: which fixes beyond the safe ones are applied.
enum FixInclusion: String, ExpressibleByArgument, CaseIterable {
    /// Fixes Batten knows the image works with (`known`); `review` is the older name.
    case review
    case known
    /// Decisions too: fixes Batten cannot know about.
    case decisions

    var upTo: FixKind {
        switch self {
        case .review, .known: return .known
        case .decisions: return .decision
        }
    }
}
