import BattenYAML

/// The fix of a plaintext secret in a Kubernetes container's `env`: the item takes its value from a
/// key of a Secret (`valueFrom.secretKeyRef`) instead of `value`.
///
/// The fix is a `decision`: the Secret does not exist in the cluster until someone creates it with
/// the value, and a pod whose `secretKeyRef` names a missing Secret does not start. Its snippet is
/// the Secret, with a placeholder instead of the value, and the rewritten `env` item; the value
/// itself is never written anywhere. A workload's secrets go to one Secret, `NAME-secrets`, one key
/// per value: variables that hold the same value share a key.
public enum KubernetesSecretMigration {
    /// What a person writes into the Secret instead of the value the manifest held.
    static let placeholder = "REPLACE-WITH-THE-VALUE"

    /// Where a secret goes: the Secret's name and namespace, and the key.
    struct Reference: Sendable, Hashable {
        var secret: String
        var namespace: String?
        var key: String

        /// The command that creates the Secret with this key; the value is left for the person to type.
        var createCommand: String {
            "kubectl create secret generic \(secret)" + (namespace.map { " -n \($0)" } ?? "") + " --from-literal=\(key)=…"
        }
    }

    /// The keys of one workload's Secret: equal values share a key, the first variable's name (made a
    /// valid Secret key); a name already taken by another value gets its container's name in front.
    struct Keys {
        private var byValue: [String: String] = [:]
        private var used: Set<String> = []

        mutating func key(for variable: EnvironmentVariable, value: String, container: String) -> String {
            if let key = byValue[value] { return key }
            var key = KubernetesSecretMigration.validKey(variable.name)
            if used.contains(key) { key = KubernetesSecretMigration.validKey("\(container)-\(variable.name)") }
            var counter = 2
            let stem = key
            while used.contains(key) {
                key = "\(stem)-\(counter)"
                counter += 1
            }
            used.insert(key)
            byValue[value] = key
            return key
        }
    }

    /// The name of the Secret that holds `workload`'s secrets.
    static func secretName(of workload: Workload) -> String {
        "\(workload.name)-secrets"
    }

    /// `name` with every character a Secret key does not allow (`[-._a-zA-Z0-9]`) replaced by `_`.
    static func validKey(_ name: String) -> String {
        let mapped = String(
            name.map { character -> Character in
                character.isASCII && (character.isLetter || character.isNumber || "-._".contains(character)) ? character : "_"
            })
        return mapped.isEmpty || mapped == "." || mapped == ".." ? "value" : mapped
    }

    /// The fix that makes `variable` of `container` read `key` of the workload's Secret.
    static func fix(for variable: EnvironmentVariable, key: String, container: Container, in workload: Workload) -> Fix {
        let reference = Reference(secret: secretName(of: workload), namespace: workload.namespace, key: key)
        let valueFrom = YAMLValue.mapping([
            ("secretKeyRef", .mapping([("name", .string(reference.secret)), ("key", .string(reference.key))]))
        ])
        // Set and renamed in place, so that a comment on the `value` line stays.
        let changes = [
            Change(
                scope: .container(container.name), path: ["valueFrom"], operation: .set(valueFrom), target: variable.node,
                existing: variable.valueNode),
            Change(
                scope: .container(container.name), path: ["value"], operation: .renameKey("valueFrom"), target: variable.node,
                existing: variable.valueNode),
        ]
        var fix = Fix(
            title: "Take \(variable.name) from key \(key) of the Secret \(reference.secret)", kind: .decision, changes: changes,
            reason: "the Secret \(reference.secret) is not in the manifests: the pod does not start until it exists in the "
                + "cluster with the value (\(reference.createCommand)), so applying the edit alone breaks the pod")
        fix.snippet = snippet(for: variable, reference: reference, container: container, valueFrom: valueFrom)
        return fix
    }

    /// The Secret, with the placeholder for the value, and the container's rewritten `env` item.
    static func snippet(for variable: EnvironmentVariable, reference: Reference, container: Container, valueFrom: YAMLValue) -> [String] {
        var metadata: [(String, YAMLValue)] = [("name", .string(reference.secret))]
        if let namespace = reference.namespace { metadata.append(("namespace", .string(namespace))) }
        let secret = YAMLValue.mapping([
            ("apiVersion", .string("v1")), ("kind", .string("Secret")), ("metadata", .mapping(metadata)),
            ("type", .string("Opaque")), ("stringData", .mapping([(reference.key, .string(placeholder))])),
        ])
        let item = YAMLValue.mapping([("name", .string(variable.name)), ("valueFrom", valueFrom)])
        let env = YAMLValue.mapping([
            ("containers", .sequence([.mapping([("name", .string(container.name)), ("env", .sequence([item]))])]))
        ])
        var lines: [String] = []
        for (index, fragment) in [secret, env].enumerated() {
            guard let text = try? YAMLEmitter.emit(fragment) else { continue }
            lines.append(index == 0 ? "# the Secret, created with the value (\(reference.createCommand)):" : "# the container's env item:")
            lines += text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        }
        return lines
    }

    /// Where a fix of this migration puts its secret; nil for any other fix.
    static func reference(of fix: Fix, namespace: String?) -> Reference? {
        for change in fix.changes where change.path == ["valueFrom"] {
            guard case .set(let value) = change.operation, let ref = value["secretKeyRef"],
                let name = ref["name"]?.scalarText, let key = ref["key"]?.scalarText
            else { continue }
            return Reference(secret: name, namespace: namespace, key: key)
        }
        return nil
    }

    /// The Secret keys that the findings of an analysis would move their values to, kept for the
    /// summary of `batten fix` (the findings it reports fixed no longer carry their changes).
    public struct Plan: Sendable {
        /// The key each moving finding's value goes to, by where the finding is: the fixes of fixed
        /// findings come back without their edits, which name the key.
        private var references: [FindingPlace: Reference] = [:]

        private struct FindingPlace: Hashable, Sendable {
            var ruleID: String
            var location: SourceLocation

            init(_ finding: Finding) {
                ruleID = finding.ruleID
                location = finding.location
            }
        }

        public init(_ findings: [Finding]) {
            for finding in findings where finding.target.format == .kubernetes {
                guard let fix = finding.fix, let reference = reference(of: fix, namespace: finding.target.namespace) else { continue }
                references[FindingPlace(finding)] = reference
            }
        }

        /// One line per Secret key the `fixed` findings now read: the command that creates it. The
        /// value itself is never shown.
        public func instructions(fixed: [Finding]) -> [String] {
            var seen = Set<Reference>()
            var lines: [String] = []
            for finding in fixed {
                guard let reference = references[FindingPlace(finding)], seen.insert(reference).inserted else { continue }
                lines.append(
                    "secret \(reference.secret), key \(reference.key): create it with the value before the pod starts: "
                        + reference.createCommand)
            }
            return lines
        }
    }
}
