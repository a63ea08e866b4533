internal import Crypto

/// SHA-256 digests in lower-case hexadecimal, computed by swift-crypto: the fingerprints of
/// baselines and the digests of the generated-files manifest.
enum SHA256Digest {
    /// The first `count` bytes (all 32 by default) of the SHA-256 digest of `bytes`, in hexadecimal.
    static func hex(_ bytes: [UInt8], bytes count: Int = 32) -> String {
        var text = ""
        text.reserveCapacity(count * 2)
        for byte in SHA256.hash(data: bytes).prefix(count) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return text
    }

    /// The digest of the UTF-8 bytes of `text`.
    static func hex(_ text: String, bytes count: Int = 32) -> String {
        hex(Array(text.utf8), bytes: count)
    }

    private static let hexDigits = Array("0123456789abcdef")
}
