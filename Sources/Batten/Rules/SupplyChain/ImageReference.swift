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
    /// digits, as the OCI image specification writes an encoded digest, and exactly as many as the
    /// registered algorithms have (64 for `sha256`, 128 for `sha512`).
    var isPinnedByDigest: Bool {
        digest != nil && digestProblem == nil
    }

    /// Why the digest pins nothing (`sha256 digests have 64 hexadecimal digits, this one has 6`);
    /// nil without a digest or for a well-formed one. Registries and runtimes reject such a reference.
    var digestProblem: String? {
        guard let digest else { return nil }
        guard let (algorithm, hex) = digest.cut(atFirstASCII: ":"), !algorithm.isEmpty else {
            return "a digest is written `algorithm:hex` (`sha256:…`)"
        }
        let digits = hex.utf8
        guard digits.allSatisfy(Self.isASCIIHexDigit) else {
            return "the digest holds characters other than hexadecimal digits"
        }
        let expected = Self.digestLengths[String(algorithm).lowercased()]
        if let expected, digits.count != expected {
            return "\(algorithm) digests have \(expected) hexadecimal digits, this one has \(digits.count)"
        }
        if expected == nil, digits.count < 32 {
            return "a digest has at least 32 hexadecimal digits, this one has \(digits.count)"
        }
        return nil
    }

    /// The length of the encoded digest of the algorithms the OCI image specification registers.
    private static let digestLengths = ["sha256": 64, "sha512": 128]

    private static func isASCIIHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    /// True when the reference names no version: no tag, or `latest`, and no well-formed digest.
    var isMutable: Bool {
        guard !isPinnedByDigest else { return false }
        return tag == nil || tag == "latest"
    }
}
