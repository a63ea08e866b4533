import BattenYAML

/// Keeps a flagged plaintext secret out of the override file.
///
/// An `environment` that loses a variable is written whole with `!override` (``ComposeOverrideDiff``),
/// carrying over the other variables as written. A plaintext secret among them whose own fix is not
/// carried (suppressed, or not selected) would then be copied into the override. When a fix would do
/// that, a secret migration falls back to requiring its variable from the environment
/// (`${NAME:?…}`), which changes one variable and rewrites nothing else; any other fix is not carried.
struct ComposeSecretLeakGuard {
    /// The names of the service's variables flagged by a finding (a plaintext secret) whose fix the
    /// override does not carry.
    let heldBack: Set<String>

    init(findings: [Finding], workloadID: String, selection: FixSelection) {
        var names = Set<String>()
        for finding in findings
        where finding.workloadID == workloadID && !selection.admits(finding) {
            if let name = Self.variable(of: finding) { names.insert(name) }
        }
        heldBack = names
    }

    /// The variable a finding of a Compose service is about (`environment.NAME`), nil for any other setting.
    static func variable(of finding: Finding) -> String? {
        let prefix = "environment."
        guard finding.setting.hasPrefix(prefix) else { return nil }
        let name = String(finding.setting.dropFirst(prefix.count))
        return name.isEmpty ? nil : name
    }

    /// The held-back variables that the override `entries` would copy with their values as written in `before`.
    func leaked(_ entries: [YAMLValue.Entry], before: YAMLValue) -> [String] {
        guard !heldBack.isEmpty else { return [] }
        var names: [String] = []
        for entry in entries where entry.value.tag == "!override" {
            guard let key = entry.key.scalarText, ComposeShapes.keyValueKeys.contains(key),
                let variables = entry.value.entries
            else { continue }
            for variable in variables {
                guard let name = variable.key.scalarText, heldBack.contains(name),
                    let old = before.value(at: [.key(key), .key(name)]), old.means(variable.value)
                else { continue }
                names.append(name)
            }
        }
        return names.sorted()
    }

    /// The fallback of a secret migration `finding`: the variable required from the environment, as
    /// a change of the merged service; nil when the finding is not a migration.
    static func fallback(for finding: Finding) -> Fix? {
        guard let fix = finding.fix, ComposeSecretMigration.secret(of: fix) != nil, let name = variable(of: finding),
            let target = fix.changes.first(where: { $0.scope == .service })?.target
        else { return nil }
        let change = Change(
            scope: .service, path: ["environment", name], operation: .set(.string("${\(name):?\(name) must be set}")),
            target: target)
        return Fix(title: "Require \(name) from the environment", kind: .safe, changes: [change])
    }

    /// The note of a migration that fell back, naming the variables that kept it from moving.
    static func note(_ leaked: [String]) -> String {
        "not moved to a Compose secret: rewriting the service's `environment` would copy "
            + leaked.joined(separator: ", ")
            + ", a plaintext secret whose fix is not applied, into the override; required from the environment instead"
    }
}
