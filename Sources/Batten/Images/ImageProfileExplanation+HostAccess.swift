extension ImageProfileExplanation {
    /// The `Host access` block of an explanation: each declared path or namespace with its reason;
    /// nothing for a profile that declares none.
    static func hostAccessLines(_ profile: ImageProfile) -> [String] {
        guard !profile.hostAccess.isEmpty else { return [] }
        var lines = ["", "Host access the image needs (reported at low severity, never removed)"]
        for access in profile.hostAccess {
            switch access.kind {
            case .path(let path, let readOnly): lines.append("  \(path) " + (readOnly ? "(read-only)" : "(read-write)"))
            case .namespace(let namespace): lines.append("  the host's \(namespace.rawValue) namespace")
            }
            lines.append("  why: " + access.reason)
        }
        return lines
    }
}
