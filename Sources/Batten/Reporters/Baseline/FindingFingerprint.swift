/// A finding's identity that survives edits around it: the rule, the file, the workload, the
/// container and the setting, never a line or column. Baselines and SARIF `partialFingerprints`
/// use it.
public enum FindingFingerprint {
    /// The name of the fingerprint in SARIF `partialFingerprints`; bump the version when the
    /// inputs change.
    public static let sarifKey = "batten/v1"

    /// 32 hexadecimal digits (128 bits of SHA-256).
    public static func of(_ finding: Finding) -> String {
        let target = finding.target
        let parts = [
            "batten-fingerprint-v1", finding.ruleID, normalizedPath(finding.location.path), target.format.rawValue,
            target.kind, target.namespace ?? "", target.name, target.container ?? "", finding.setting,
        ]
        return String(SHA256.hex(parts.joined(separator: "\u{1F}")).prefix(32))
    }

    /// `path` without `./` segments and repeated slashes, so that `./compose.yaml` and `compose.yaml`
    /// are the same file.
    static func normalizedPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = segments.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? path : joined
    }
}
