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

    /// What enables a service behind inactive profiles, for messages: `profile debug`,
    /// `profiles debug or tools`.
    static func enabling(_ profiles: [String]) -> String {
        (profiles.count == 1 ? "profile " : "profiles ") + profiles.joined(separator: " or ")
    }

    /// Turns the errors in `diagnostics[start...]`, raised while loading a service that no active
    /// profile enables, into warnings that say so: `docker compose` does not run the service
    /// without its profile, so they do not stop the analysis of the project.
    static func soften(_ diagnostics: inout [Diagnostic], from start: Int, service: SourcedTree, name: String) {
        guard start < diagnostics.count else { return }
        let enabling = enabling(profiles(of: service))
        for index in start..<diagnostics.count where diagnostics[index].level == .error {
            diagnostics[index].level = .warning
            diagnostics[index].message += " (service \(name) runs only with \(enabling), which is not active)"
        }
    }
}
