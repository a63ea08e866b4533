import BattenYAML

/// A Compose `security_opt` entry read the way the Docker daemon reads it: a bare
/// `no-new-privileges` or `disable`, else `key=value`, else (deprecated) `key:value`.
struct SecurityOptEntry: Sendable {
    /// `no-new-privileges`, `seccomp`, `apparmor`, `label`, or whatever else was written.
    var key: String
    /// The text after the separator; nil for a bare `no-new-privileges` and for entries without one.
    var value: String?
    /// The entry as written after interpolation, with its sequence item node.
    var entry: Sourced<String>

    init(_ entry: Sourced<String>) {
        self.entry = entry
        let text = entry.value
        if text == "no-new-privileges" {
            key = text
            value = nil
        } else if text == "disable" {
            key = "label"
            value = "disable"
        } else if let (before, after) = text.cut(atFirstASCII: "=") ?? text.cut(atFirstASCII: ":") {
            key = String(before)
            value = String(after)
        } else {
            key = text
            value = nil
        }
    }

    /// The entry exactly as written in the file (before interpolation), for removing it.
    var writtenText: String { entry.node.resolved.scalar ?? entry.value }
}

extension SecurityOptEntry {
    /// The `no-new-privileges` setting of this entry: true or false, or nil when the entry is not
    /// about it or its value is not a boolean Go's `strconv.ParseBool` accepts (the daemon refuses it).
    var noNewPrivileges: Bool? {
        guard key == "no-new-privileges" else { return nil }
        guard let value else { return true }
        return GoBool.parse(value)
    }

    /// An SELinux `label` option split into its kind and value: `disable`, `user:system_u` →
    /// (`user`, `system_u`).
    var labelOption: (kind: String, value: String)? {
        guard key == "label", let value else { return nil }
        guard let (kind, rest) = value.cut(atFirstASCII: ":") else { return (value, "") }
        return (String(kind), String(rest))
    }
}

/// Booleans as Go's `strconv.ParseBool` reads them (what the Docker daemon uses for options).
enum GoBool {
    static func parse(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }
}

extension Workload {
    /// The Compose `security_opt` entries in merge order; empty for Kubernetes.
    var securityOptEntries: [SecurityOptEntry] {
        compose?.securityOptions.map(SecurityOptEntry.init) ?? []
    }
}
