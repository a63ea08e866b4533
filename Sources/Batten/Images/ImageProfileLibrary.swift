/// The image profiles of a run: the built-in ones, under those of the policy's `image-profiles`
/// directories, under those of `--image-profiles`.
///
/// For an image, the profiles whose patterns match its name and whose tag constraints admit its
/// tag are candidates. A profile from a later layer (added by ``adding(_:)``) wins over every
/// profile of an earlier one, so a user's profile replaces a built-in; within a layer the most
/// specific wins: a pattern without wildcard, then one with variant words, then one with a version
/// range. A profile that has the name of an earlier layer's profile hides it.
public struct ImageProfileLibrary: Sendable {
    struct Entry: Sendable {
        var profile: ImageProfile
        var layer: Int
    }

    private(set) var entries: [Entry]
    /// Entry indices by the literal last segment of a pattern.
    private var byLastSegment: [String: [Int]]
    /// Entries with a wildcard in the last segment of a pattern.
    private var wildcardLast: [Int]
    /// The matches found so far, shared by the copies of this library (every rule's context holds
    /// one, and several rules ask for the profile of every Compose service's image).
    private let cache = BoundedCache<String, ImageProfileMatch?>()

    /// A library of one layer: `profiles`, in precedence order for equally specific matches.
    public init(_ profiles: [ImageProfile] = []) {
        self.init(entries: profiles.map { Entry(profile: $0, layer: 0) })
    }

    private init(entries: [Entry]) {
        self.entries = entries
        var index: [String: [Int]] = [:]
        var wildcard: [Int] = []
        for (position, entry) in entries.enumerated() {
            for pattern in entry.profile.patterns {
                if let last = pattern.literalLast {
                    if index[last]?.last != position { index[last, default: []].append(position) }
                } else if wildcard.last != position {
                    wildcard.append(position)
                }
            }
        }
        self.byLastSegment = index
        self.wildcardLast = wildcard
    }

    /// The profiles shipped in `Policies/images/`.
    public static let builtIn = ImageProfileLibrary(BuiltInImageProfiles.profiles)

    /// Parses the built-in profiles now, if no thread has yet (a fifth of a small audit's start-up
    /// work); a thread that needs them meanwhile waits for this parse rather than starting another.
    public static func warmUp() {
        _ = builtIn
    }

    /// Every profile in use: the later layers first, without the profiles they hide.
    public var profiles: [ImageProfile] {
        entries.sorted { $0.layer > $1.layer }.map(\.profile)
    }

    /// This library with `profiles` as a new layer over it. Earlier profiles of the same name are dropped.
    public func adding(_ profiles: [ImageProfile]) -> ImageProfileLibrary {
        guard !profiles.isEmpty else { return self }
        let layer = (entries.map(\.layer).max() ?? 0) + 1
        let names = Set(profiles.map(\.name))
        let kept = entries.filter { !names.contains($0.profile.name) }
        return ImageProfileLibrary(entries: kept + profiles.map { Entry(profile: $0, layer: layer) })
    }

    /// The profile for `image` (`postgres:16`, `docker.io/library/redis@sha256:…`), if one fits.
    public func match(_ image: String) -> ImageProfileMatch? {
        cache.value(image) { uncachedMatch(image) }
    }

    private func uncachedMatch(_ image: String) -> ImageProfileMatch? {
        let reference = ImageReference(image)
        let name = ImageName(reference.name)
        guard !name.text.isEmpty else { return nil }
        var best: (entry: Entry, pattern: ImagePattern, rank: [Int])?
        for index in candidateIndices(name) {
            let entry = entries[index]
            guard entry.profile.tags.mismatch(reference.tag) == nil,
                let pattern = entry.profile.patterns.first(where: { $0.matches(name) })
            else { continue }
            let rank = Self.rank(entry, pattern)
            if let current = best, !rank.lexicographicallyPrecedes(current.rank) { continue }
            best = (entry, pattern, rank)
        }
        return best.map {
            ImageProfileMatch(profile: $0.entry.profile, image: image, repository: name, tag: reference.tag, pattern: $0.pattern)
        }
    }

    /// The profiles whose patterns match the name of `image`, each with why its tags do or do not fit.
    public func candidates(_ image: String) -> [(profile: ImageProfile, mismatch: String?)] {
        let reference = ImageReference(image)
        let name = ImageName(reference.name)
        return candidateIndices(name).compactMap { index in
            let entry = entries[index]
            guard entry.profile.patterns.contains(where: { $0.matches(name) }) else { return nil }
            return (entry.profile, entry.profile.tags.mismatch(reference.tag))
        }
    }

    private func candidateIndices(_ name: ImageName) -> [Int] {
        let exact = byLastSegment[name.last] ?? []
        return wildcardLast.isEmpty ? exact : Array(Set(exact + wildcardLast)).sorted()
    }

    /// Lower ranks win: later layer, literal pattern, variant words, version range, file order.
    private static func rank(_ entry: Entry, _ pattern: ImagePattern) -> [Int] {
        let tags = entry.profile.tags
        return [
            -entry.layer, pattern.isLiteral ? 0 : 1, tags.variants.isEmpty ? 1 : 0, tags.versions == nil ? 1 : 0,
        ]
    }
}
