/// What one `security_opt` entry does. Entries are `name`, `name:value` or `name=value`.
enum ComposeSecurityOption: Sendable, Hashable {
    /// `no-new-privileges` (bare or `true`) → true; `no-new-privileges:false` → false.
    case noNewPrivileges(Bool)
    case seccomp(SecurityProfile)
    case appArmor(SecurityProfile)
    /// `label:disable` or one SELinux field (`label:type:svirt_t`).
    case label(LabelSetting)
    /// `systempaths=unconfined`: `/proc` and `/sys` paths are not masked.
    case unmaskedSystemPaths
    /// Anything else, kept as written.
    case other

    enum LabelSetting: Sendable, Hashable {
        case disable
        case user(String)
        case role(String)
        case type(String)
        case level(String)
    }

    static func parse(_ entry: String) -> ComposeSecurityOption {
        let separator = entry.utf8.firstIndex { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "=") }
        let name = separator.map { String(entry[..<$0]) } ?? entry
        let value = separator.map { String(entry[entry.utf8.index(after: $0)...]) }
        switch name.lowercased() {
        case "no-new-privileges":
            guard let value else { return .noNewPrivileges(true) }
            switch value.lowercased() {
            case "true", "1", "yes", "": return .noNewPrivileges(true)
            case "false", "0", "no": return .noNewPrivileges(false)
            default: return .other
            }
        case "seccomp":
            guard let value, !value.isEmpty else { return .other }
            switch value {
            case "unconfined": return .seccomp(SecurityProfile(kind: .unconfined))
            case "builtin", "default", "runtime/default", "docker/default":
                return .seccomp(SecurityProfile(kind: .runtimeDefault, profile: value))
            default: return .seccomp(SecurityProfile(kind: .localhost, profile: value))
            }
        case "apparmor":
            guard let value, !value.isEmpty else { return .other }
            switch value {
            case "unconfined": return .appArmor(SecurityProfile(kind: .unconfined))
            case "runtime/default", "docker-default": return .appArmor(SecurityProfile(kind: .runtimeDefault, profile: value))
            default: return .appArmor(SecurityProfile(kind: .localhost, profile: value))
            }
        case "label":
            guard let value else { return .other }
            if value == "disable" { return .label(.disable) }
            guard let colon = value.firstIndex(of: ":") else { return .other }
            let field = String(value[..<colon])
            let setting = String(value[value.index(after: colon)...])
            switch field {
            case "user": return .label(.user(setting))
            case "role": return .label(.role(setting))
            case "type": return .label(.type(setting))
            case "level": return .label(.level(setting))
            default: return .other
            }
        case "systempaths":
            return value == "unconfined" ? .unmaskedSystemPaths : .other
        default:
            return .other
        }
    }
}
