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

    /// A match of `image` (split into `repository` and `tag`) by `pattern` of `profile`.
    public init(profile: ImageProfile, image: String, repository: ImageName, tag: String?, pattern: ImagePattern) {
        self.profile = profile
        self.image = image
        self.repository = repository
        self.tag = tag
        self.pattern = pattern
    }

    /// `the postgres image profile` — how findings and fix titles name it.
    var phrase: String { "the \(profile.name) image profile" }
}
