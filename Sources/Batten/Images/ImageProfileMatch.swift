/// The profile chosen for an image and why.
public struct ImageProfileMatch: Sendable {
    public var profile: ImageProfile
    /// The image as the service names it (`postgres:16`).
    public var image: String
    /// The normalized repository name (`postgres`).
    public var repository: ImageName
    public var tag: String?
    /// The pattern of the profile that matched.
    public var pattern: ImagePattern
    /// Where the image came from: the service's `image`, or the base of the Dockerfile it is built from.
    public var evidence: Evidence

    /// How Batten knows which image a workload runs.
    public enum Evidence: Sendable, Hashable {
        /// The workload names the image (`image: postgres:16`).
        case image
        /// The workload is built from a Dockerfile whose final stage is `FROM` this image (`path:line`),
        /// and the Dockerfile does not change what the profile rests on (its `USER`).
        case dockerfileBase(path: String, line: Int)
    }

    /// A match of `image` (split into `repository` and `tag`) by `pattern` of `profile`.
    public init(
        profile: ImageProfile, image: String, repository: ImageName, tag: String?, pattern: ImagePattern,
        evidence: Evidence = .image
    ) {
        self.profile = profile
        self.image = image
        self.repository = repository
        self.tag = tag
        self.pattern = pattern
        self.evidence = evidence
    }

    /// `the postgres image profile`, or `the nginx image profile (base image of Dockerfile:1)` — how
    /// findings and fix titles name it, with the Dockerfile line that decided when there is one.
    var phrase: String {
        switch evidence {
        case .image: return "the \(profile.name) image profile"
        case .dockerfileBase(let path, let line): return "the \(profile.name) image profile (base image of \(path):\(line))"
        }
    }
}
