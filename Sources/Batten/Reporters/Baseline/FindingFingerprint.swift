/// A finding's identity that survives edits around it: the rule, the file, the workload, the
/// container and the setting, never a line or column. Baselines and SARIF `partialFingerprints`
/// use it.
public enum FindingFingerprint {
    /// The name of the fingerprint in SARIF `partialFingerprints`; bump the version when the
    /// inputs change.
    public static let sarifKey = "batten/v1"

    /// 32 hexadecimal digits (128 bits of SHA-256) of the parts joined by U+001F.
    public static func of(_ finding: Finding) -> String {
        of(finding, normalizedPath: normalizedPath(finding.location.path))
    }

    /// ``of(_:)`` with the finding's path in ``normalizedPath(_:)`` form already, for a writer that
    /// fingerprints many findings of one file in a row.
    static func of(_ finding: Finding, normalizedPath path: String) -> String {
        var message: [UInt8] = []
        return of(finding, normalizedPath: path, buffer: &message)
    }

    /// As ``of(_:normalizedPath:)``, with the hashed text put together in `message`, whose storage a
    /// caller fingerprinting many findings passes again each time.
    static func of(_ finding: Finding, normalizedPath path: String, buffer message: inout [UInt8]) -> String {
        let target = finding.target
        message.removeAll(keepingCapacity: true)
        message.reserveCapacity(256)
        append("batten-fingerprint-v1", to: &message)
        append(finding.ruleID, to: &message)
        append(path, to: &message)
        append(target.format.rawValue, to: &message)
        append(target.kind, to: &message)
        append(target.namespace ?? "", to: &message)
        append(target.name, to: &message)
        append(target.container ?? "", to: &message)
        append(finding.setting, to: &message, last: true)
        return SHA256Digest.hex(message, bytes: 16)
    }

    /// Appends the UTF-8 bytes of `part` and, unless it is the last, the separator U+001F.
    private static func append(_ part: String, to message: inout [UInt8], last: Bool = false) {
        part.withUTF8Bytes { message.append(contentsOf: $0) }
        if !last { message.append(0x1F) }
    }

    /// `path` without `./` segments and repeated slashes, so that `./compose.yaml` and `compose.yaml`
    /// are the same file.
    static func normalizedPath(_ path: String) -> String {
        if isNormalASCII(path) { return path }
        let absolute = path.hasPrefix("/")
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = segments.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? path : joined
    }

    /// True when `path` is ASCII and ``normalizedPath(_:)`` would return it unchanged: not empty, no
    /// empty segment (`//`, or a trailing `/` other than the root itself) and no `.` segment.
    /// (Non-ASCII paths take the general way: a `/` followed by a combining mark is one
    /// `Character`, not a separator.)
    static func isNormalASCII(_ path: String) -> Bool {
        let utf8 = path.utf8
        guard !utf8.isEmpty else { return false }
        if utf8.count == 1, utf8.first == UInt8(ascii: "/") { return true }
        return path.withUTF8Bytes { bytes in
            var segmentLength = 0
            var segmentIsDot = false
            for (position, byte) in bytes.enumerated() {
                guard byte < 0x80 else { return false }
                if byte == UInt8(ascii: "/") {
                    // An empty segment is fine only as the start of an absolute path.
                    if segmentLength == 0, position != 0 { return false }
                    if segmentIsDot, segmentLength == 1 { return false }
                    segmentLength = 0
                    segmentIsDot = false
                } else {
                    segmentIsDot = segmentLength == 0 && byte == UInt8(ascii: ".")
                    segmentLength += 1
                }
            }
            return segmentLength > 0 && !(segmentIsDot && segmentLength == 1)
        }
    }
}
