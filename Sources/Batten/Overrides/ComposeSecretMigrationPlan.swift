/// The plaintext secrets of an analysis that `batten fix` moves to Compose secrets: per Compose
/// project, equal values share one secret (``ComposeSecretSharing``) and each secret takes its value
/// from the chosen source; afterwards, what the user must do for each secret that was created.
public struct ComposeSecretMigrationPlan: Sendable {
    public var source: ComposeSecretSource
    /// The secrets of every Compose project.
    var secrets: [ComposeSecretSharing.Secret]
    /// The secret each migrating finding creates, by where the finding is: the fixes of fixed
    /// findings come back without their edits, which name the secret.
    private var secretByFinding: [FindingPlace: String] = [:]

    private struct FindingPlace: Hashable, Sendable {
        var ruleID: String
        var location: SourceLocation

        init(_ finding: Finding) {
            ruleID = finding.ruleID
            location = finding.location
        }
    }

    /// Names and sources the migrations' secrets in `result`'s fixes (edited in place, so that a
    /// caller handing the analysis on holds one copy of it).
    public init(_ updated: inout AnalysisResult, source: ComposeSecretSource) {
        let result = updated
        var secrets: [ComposeSecretSharing.Secret] = []
        var secretByFinding: [FindingPlace: String] = [:]
        for project in result.loaded.composeProjects {
            let ids = Set(project.workloads.map(\.id))
            let indices = updated.findings.indices.filter { ids.contains(updated.findings[$0].workloadID) }
            let shared = ComposeSecretSharing.apply(to: indices.map { updated.findings[$0] }, workloads: project.workloads)
            for (index, finding) in zip(indices, shared.findings) {
                var finding = finding
                if var fix = finding.fix, let name = ComposeSecretMigration.secret(of: fix) {
                    fix.changes = fix.changes.map(source.applied)
                    finding.fix = fix
                    secretByFinding[FindingPlace(finding)] = name
                }
                updated.findings[index] = finding
            }
            secrets += shared.secrets
        }
        self.source = source
        self.secrets = secrets
        self.secretByFinding = secretByFinding
    }

    /// One line per secret that the `fixed` findings created: where its value goes, and the
    /// variables that share it. The value itself is never shown.
    public func instructions(fixed: [Finding]) -> [String] {
        var names: [String] = []
        for finding in fixed {
            guard let name = secretByFinding[FindingPlace(finding)], !names.contains(name) else { continue }
            names.append(name)
        }
        return names.map { name in
            let readers = secrets.first { $0.name == name }?.readers ?? []
            let shared = readers.count > 1 ? " (one value shared by \(readers.joined(separator: ", ")))" : ""
            return "secret \(name): \(source.instruction(for: name))\(shared); the services do not start without it"
        }
    }
}
