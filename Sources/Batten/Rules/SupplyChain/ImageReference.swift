/// The parts of a container image reference: `[registry[:port]/]path[:tag][@digest]`.
struct ImageReference: Sendable, Hashable {
    /// Everything before the tag and digest (`registry:5000/team/app`).
    var name: String
    var tag: String?
    /// `algorithm:hex` after `@` (`sha256:…`).
    var digest: String?

    init(_ text: String) {
        var rest = text.trimmingWhitespace
        if let (name, digest) = rest.cut(atFirstASCII: "@") {
            self.digest = digest.isEmpty ? nil : String(digest)
            rest = String(name)
        } else {
            self.digest = nil
        }
        let lastComponentStart = rest.lastIndex(ofASCII: "/").map { rest.utf8.index(after: $0) } ?? rest.startIndex
        if let colon = rest[lastComponentStart...].lastIndex(ofASCII: ":") {
            let tag = String(rest[rest.utf8.index(after: colon)...])
            self.tag = tag.isEmpty ? nil : tag
            self.name = String(rest[..<colon])
        } else {
            self.tag = nil
            self.name = rest
        }
    }

    /// True when a digest of the form `algorithm:hex` pins the image.
    var isPinnedByDigest: Bool {
        guard let (algorithm, hex) = digest?.cut(atFirstASCII: ":") else { return false }
        return !algorithm.isEmpty && hex.count >= 32 && hex.allSatisfy(\.isHexDigit)
    }

    /// True when the reference names no version: no tag, or `latest`, and no digest.
    var isMutable: Bool {
        guard !isPinnedByDigest else { return false }
        return tag == nil || tag == "latest"
    }
}
