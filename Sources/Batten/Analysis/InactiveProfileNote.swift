/// The note every finding of a Compose service behind inactive profiles carries: the service is
/// audited as `docker compose` runs it once one of its profiles is enabled, which the note names.
enum InactiveProfileNote {
    /// The note for `workload`'s findings; nil for a service that runs with the active profiles,
    /// and for Kubernetes.
    static func text(for workload: Workload) -> String? {
        guard let compose = workload.compose, compose.isBehindInactiveProfile, !compose.profiles.isEmpty else { return nil }
        let enabling = ComposeProfiles.enabling(compose.profiles)
        return "service \(workload.name) runs only with \(enabling), which is not active; audited as `docker compose --profile \(compose.profiles[0])` runs it"
    }
}
