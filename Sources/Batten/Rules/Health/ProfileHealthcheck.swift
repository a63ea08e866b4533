import BattenYAML

/// The Compose `healthcheck` an image profile proposes, as a fix that sets it on a service.
enum ProfileHealthcheck {
    /// The `healthcheck` mapping: the profile's test with every `$` doubled (Compose would otherwise
    /// interpolate what the shell in the container must see), and its timings.
    static func value(_ check: ImageProfile.Healthcheck) -> YAMLValue? {
        guard let test = check.test else { return nil }
        var entries: [(String, YAMLValue)] = [
            ("test", .sequence(test.map { .string($0.replacingOccurrences(of: "$", with: "$$")) }, flow: true))
        ]
        if let interval = check.interval { entries.append(("interval", .string(interval))) }
        if let timeout = check.timeout { entries.append(("timeout", .string(timeout))) }
        if let retries = check.retries { entries.append(("retries", .int(retries))) }
        if let startPeriod = check.startPeriod { entries.append(("start_period", .string(startPeriod))) }
        return .mapping(entries)
    }

    /// A fix that adds the profile's health check to a service that has no `healthcheck` key; nil
    /// when the profile has no check or the check needs a setting the service does not have.
    static func fix(_ match: ImageProfileMatch, workload: Workload) -> Fix? {
        guard unmetRequirement(match.profile.healthcheck, workload: workload) == nil,
            let value = value(match.profile.healthcheck)
        else { return nil }
        return Fix(
            title: "Add the health check of \(match.phrase)", kind: .known,
            changes: [Change(scope: .service, path: ["healthcheck"], operation: .set(value), target: workload.node)],
            reason: "\(match.phrase) documents a check that works inside the image")
    }

    /// Why the profile's check would fail in this service, when it `requires` one of some settings
    /// and the service has none of them: `` it needs `--ping*` in the command, or TRAEFIK_PING=true in
    /// the environment, and the service sets none of them``. Nil when the check can be used.
    static func unmetRequirement(_ check: ImageProfile.Healthcheck, workload: Workload) -> String? {
        guard check.test != nil, !check.requires.isEmpty else { return nil }
        guard let container = workload.containers.first else { return nil }
        let settings = ServiceConditions(container, workload: workload)
        guard !check.requires.contains(where: { settings.holds($0) }) else { return nil }
        return "it needs \(UnauthenticatedServiceRule.describe(check.requires)), and the service sets none of them"
    }

    /// The test as one line, for messages (`CMD pg_isready -h 127.0.0.1 …`).
    static func summary(_ check: ImageProfile.Healthcheck) -> String? {
        check.test.map { $0.joined(separator: " ") }
    }
}
