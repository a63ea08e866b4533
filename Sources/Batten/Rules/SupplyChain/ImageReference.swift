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

    /// True when a digest of the form `algorithm:hex` pins the image: at least 32 ASCII hexadecimal
    /// digits, as the OCI image specification writes an encoded digest.
    var isPinnedByDigest: Bool {
        guard let (algorithm, hex) = digest?.cut(atFirstASCII: ":"), !algorithm.isEmpty else { return false }
        let digits = hex.utf8
        return digits.count >= 32 && digits.allSatisfy(Self.isASCIIHexDigit)
    }

    private static func isASCIIHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    /// True when the reference names no version: no tag, or `latest`, and no digest.
    var isMutable: Bool {
        guard !isPinnedByDigest else { return false }
        return tag == nil || tag == "latest"
    }
}
