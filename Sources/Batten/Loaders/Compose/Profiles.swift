import Foundation

/// Compose profiles: a service without `profiles` is always enabled; a service with profiles only
/// when one of them is active. `--profile` flags win over `COMPOSE_PROFILES`; `*` enables every profile.
enum ComposeProfiles {
    /// The active profiles: the `--profile` names, else `COMPOSE_PROFILES` (comma-separated).
    static func active(flags: [String], environment: [String: String]) -> [String] {
        if !flags.isEmpty { return flags }
        guard let variable = environment["COMPOSE_PROFILES"] else { return [] }
        return variable.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The `profiles` of a service as written.
    static func profiles(of service: SourcedTree) -> [String] {
        (service["profiles"]?.items ?? []).compactMap(\.text)
    }

    static func isEnabled(_ service: SourcedTree, active: [String]) -> Bool {
        let profiles = profiles(of: service)
        if profiles.isEmpty || active.contains("*") { return true }
        return profiles.contains(where: active.contains)
    }
}
