import BattenYAML

/// Turns the chosen findings' changes into a Compose override: per service, the merged service as
/// written (``ComposeWrittenValue``) with every fix applied, compared with the service before; what
/// changed becomes override entries that respect the merge rules (``ComposeOverrideDiff``).
///
/// A finding is fixed by the override only when every change of its fix applies to the merged
/// service; otherwise none of its changes is used and it is reported as skipped.
struct ComposeOverrideBuilder {
    let selection: FixSelection
    /// Where the secrets that plaintext secrets move to take their values.
    var secretSource: ComposeSecretSource = .file

    /// One service of the override.
    struct Service {
        var name: String
        var workloadID: String
        /// The merged service as written, before and after the fixes.
        var before: YAMLValue
        var after: YAMLValue
        /// The service's entries in the override.
        var entries: [YAMLValue.Entry]
    }

    struct Plan {
        var services: [Service]
        /// Findings whose fixes the override carries, in report order.
        var fixed: [Finding]
        var skipped: [SkippedFix]
        /// The top-level `secrets:` entries that fixes add (plaintext secrets moved to Compose secrets).
        var secrets: [YAMLValue.Entry] = []
        /// The secrets of the project's plaintext secrets and the variables that read each.
        var sharedSecrets: [ComposeSecretSharing.Secret] = []

        /// The override document: `services:` with the services that change, then `secrets:`.
        var document: YAMLValue {
            let changed = services.filter { !$0.entries.isEmpty }
            var entries = [
                YAMLValue.Entry(.string("services"), YAMLValue(.mapping(changed.map { YAMLValue.Entry(.string($0.name), YAMLValue(.mapping($0.entries))) })))
            ]
            if !secrets.isEmpty { entries.append(YAMLValue.Entry(.string("secrets"), YAMLValue(.mapping(secrets)))) }
            return YAMLValue(.mapping(entries))
        }
    }

    func plan(_ result: AnalysisResult, project: ComposeLoadResult) -> Plan {
        let written = ComposeWrittenValue(paths: project.paths)
        var plan = Plan(services: [], fixed: [], skipped: [])
        let shared = ComposeSecretSharing.apply(to: result.findings, workloads: project.workloads)
        plan.sharedSecrets = shared.secrets
        for workload in project.workloads {
            guard let merged = workload.compose?.merged else { continue }
            let before = written.service(merged)
            plan.services.append(Service(name: workload.name, workloadID: workload.id, before: before, after: before, entries: []))
        }
        extend(&plan, with: shared.findings, paths: project.paths)
        return plan
    }

    /// Adds the fixes of `findings` that the plan has not tried yet, applied on top of the services'
    /// current state: a later round passes the findings of the project loaded with the override,
    /// where a fix may have become possible (once a service is no longer privileged, say). Returns
    /// true when a finding was added. `paths` resolves the relative paths of the project the
    /// findings were made on.
    @discardableResult
    func extend(_ plan: inout Plan, with findings: [Finding], paths: ComposePathResolver) -> Bool {
        let written = ComposeWrittenValue(paths: paths)
        let tried = Set((plan.fixed + plan.skipped.map(\.finding)).map(FixSession.key))
        var added = false
        for index in plan.services.indices {
            let service = plan.services[index]
            let leakGuard = ComposeSecretLeakGuard(findings: findings, workloadID: service.workloadID, selection: selection)
            for var finding in findings where finding.workloadID == service.workloadID && selection.admits(finding) {
                guard !tried.contains(FixSession.key(finding)) else { continue }
                var all = (finding.fix?.changes ?? []).map { secretSource.applied(to: written.merged($0)) }
                var changes = all.filter { $0.scope != .project }
                var result = apply(changes, to: plan.services[index].after, before: service.before)
                if case .success(let updated) = result {
                    let entries = ComposeOverrideDiff(service: service.name).entries(before: service.before, after: updated)
                    let leaked = leakGuard.leaked(entries, before: service.before)
                    if !leaked.isEmpty {
                        if let fallback = ComposeSecretLeakGuard.fallback(for: finding) {
                            finding.fix = fallback
                            finding.notes.append(ComposeSecretLeakGuard.note(leaked))
                            all = fallback.changes
                            changes = all
                            result = apply(changes, to: plan.services[index].after, before: service.before)
                        } else {
                            result = .failure(
                                Uncarried(
                                    reason: "rewriting the service's `environment` would copy \(leaked.joined(separator: ", ")), "
                                        + "a plaintext secret whose fix is not applied, into the override"))
                        }
                    }
                }
                switch result {
                case .success(let updated):
                    plan.services[index].after = updated
                    for change in all where change.scope == .project {
                        guard change.path.count == 2, change.path.first == "secrets", let name = change.path.last,
                            case .set(let value) = change.operation
                        else { continue }
                        if !plan.secrets.contains(where: { $0.key.scalarText == name }) {
                            plan.secrets.append(YAMLValue.Entry(.string(name), value))
                        }
                    }
                    plan.fixed.append(finding)
                    added = true
                case .failure(let uncarried):
                    plan.skipped.append(SkippedFix(finding: finding, reason: uncarried.reason, isInherent: uncarried.isInherent))
                }
            }
            plan.services[index].entries = ComposeOverrideDiff(service: service.name)
                .entries(before: service.before, after: plan.services[index].after)
        }
        plan.fixed.sort(by: Finding.reportOrder)
        return added
    }

    /// A list item for a message: a `KEY=VALUE` item by its name only, as its value may be a secret.
    static func named(_ item: YAMLValue, at path: [String]) -> String {
        guard let key = path.last, ComposeShapes.keyValueKeys.contains(key) else { return "\(item)" }
        guard let name = ComposeWrittenValue.keyValue(item)?.name else { return "(not shown)" }
        return "`\(name)=…`"
    }

    /// Why a fix is not carried; `isInherent` when no override can carry it (``SkippedFix/isInherent``).
    private struct Uncarried: Error {
        var reason: String
        var isInherent = false
    }

    /// `service` with every change applied, or why one of them cannot be expressed in an override.
    private func apply(_ changes: [Change], to service: YAMLValue, before: YAMLValue) -> Result<YAMLValue, Uncarried> {
        var current = service
        for change in changes {
            guard change.scope == .service else { return .failure(Uncarried(reason: "the fix does not change the service mapping")) }
            let operation = change.operation.flatteningMergeKeys()
            switch operation {
            case .renameKey(let name):
                return .failure(
                    Uncarried(
                        reason:
                            "Compose rejects the misspelt key `\(change.path.joined(separator: "."))` before any override applies; rename it to `\(name)` in the file (`batten fix`)",
                        isInherent: true))
            case .removeItem(let item), .replaceItem(let item, _):
                let components = change.path.map { NodePath.Component.key($0) }
                let lists = [before, current].map { $0.value(at: components)?.items ?? [] }
                guard lists.contains(where: { $0.contains(item) }) else {
                    return .failure(
                        Uncarried(
                            reason: "the merged service has no `\(change.path.joined(separator: "."))` item \(Self.named(item, at: change.path))"))
                }
            case .set, .append, .remove:
                break
            }
            guard let updated = current.applying(operation, at: change.path) else {
                return .failure(Uncarried(reason: "`\(change.path.joined(separator: "."))` of the merged service does not have the shape the fix expects"))
            }
            current = updated
        }
        return .success(current)
    }
}
