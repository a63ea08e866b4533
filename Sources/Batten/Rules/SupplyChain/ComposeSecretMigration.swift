import BattenYAML

/// The fix of a plaintext secret in a Compose service whose image reads the setting from a file
/// (``ImageProfile/SecretFiles``): the value moves to a Compose secret. The service gets
/// `secrets: [name]` and `NAME_FILE=/run/secrets/name`, loses the plaintext variable, and the file
/// gets a top-level `secrets: {name: {file: ./secrets/name.txt}}` that the user fills; the value
/// itself is never written anywhere.
///
/// The fix is `known`: the image profile shows that the image reads the file form, and Compose
/// refuses to start until the secret's file exists, as it refuses a missing `${NAME:?…}`.
enum ComposeSecretMigration {
    /// Where the file of a secret is, relative to the project directory.
    static let directory = "./secrets"
    /// Where Compose mounts a secret in the container.
    static let mountDirectory = "/run/secrets"

    /// The secret's name: the variable's name in lower case (`POSTGRES_PASSWORD` → `postgres_password`).
    static func secretName(for variable: String) -> String {
        variable.lowercased()
    }

    /// The file a secret named `name` is read from, relative to the project directory.
    static func file(of name: String) -> String {
        "\(directory)/\(name).txt"
    }

    /// The migration of `variable`, or nil when the image has no file form for it or the variable's
    /// entry cannot be edited as one.
    static func fix(
        for variable: EnvironmentVariable, in workload: Workload, profile match: ImageProfileMatch
    ) -> Fix? {
        guard let files = match.profile.secretFiles, let fileVariable = files.fileVariable(for: variable.name),
            let root = root(of: workload.node)
        else { return nil }
        let name = secretName(for: variable.name)
        let mounted = "\(mountDirectory)/\(name)"
        var changes: [Change] = []
        let entry = variable.node
        if let list = entry.parent, list.kind == .sequence, entry.resolved.kind == .scalar {
            let written = entry.document.value(entry.id)
            changes.append(
                Change(
                    scope: .service, path: ["environment"], operation: .removeItem(written), target: workload.node, existing: list))
            changes.append(
                Change(
                    scope: .service, path: ["environment"], operation: .append(.string("\(fileVariable)=\(mounted)")),
                    target: workload.node, existing: list))
        } else {
            // Renamed and set in place, so that a comment on the line stays; an override removes the
            // variable instead (``ComposeWrittenValue/byName(_:)``).
            let existing = variable.valueNode ?? variable.node
            changes.append(
                Change(
                    scope: .service, path: ["environment", fileVariable], operation: .set(.string(mounted)), target: workload.node,
                    existing: existing))
            changes.append(
                Change(
                    scope: .service, path: ["environment", variable.name], operation: .renameKey(fileVariable), target: workload.node,
                    existing: existing))
        }
        changes.append(Change(scope: .service, path: ["secrets"], operation: .append(.string(name)), target: workload.node))
        changes.append(
            Change(
                scope: .project, path: ["secrets", name], operation: .set(.mapping([("file", .string(file(of: name)))])),
                target: root))
        return Fix(
            title: "Move \(variable.name) to the Compose secret \(name), read from \(fileVariable)", kind: .known,
            changes: changes, reason: "\(match.phrase) reads \(fileVariable); write the value to \(file(of: name))")
    }

    /// The name of the secret a migration fix creates, nil for any other fix.
    static func secret(of fix: Fix) -> String? {
        for change in fix.changes where change.scope == .project && change.path.count == 2 && change.path.first == "secrets" {
            return change.path.last
        }
        return nil
    }

    /// A migration `fix` with its secret `old` named `new`: the service's `secrets` item, the file
    /// variable's path and the top-level entry.
    static func renamed(_ fix: Fix, from old: String, to new: String) -> Fix {
        var result = fix
        let oldMount = "\(mountDirectory)/\(old)"
        let newMount = "\(mountDirectory)/\(new)"
        result.changes = fix.changes.map { change in
            var change = change
            switch (change.scope, change.operation) {
            case (.project, .set):
                change.path = ["secrets", new]
                change.operation = .set(.mapping([("file", .string(file(of: new)))]))
            case (.service, .append(let item)) where change.path == ["secrets"]:
                if item.scalarText == old { change.operation = .append(.string(new)) }
            case (.service, .append(let item)) where change.path == ["environment"]:
                if let text = item.scalarText, text.hasSuffix("=" + oldMount) {
                    change.operation = .append(.string(String(text.dropLast(oldMount.count)) + newMount))
                }
            case (.service, .set(let value)) where change.path.first == "environment":
                if value.scalarText == oldMount { change.operation = .set(.string(newMount)) }
            default:
                break
            }
            return change
        }
        result.title = fix.title.replacingOccurrences(of: "Compose secret \(old),", with: "Compose secret \(new),")
        result.reason = fix.reason?.replacingOccurrences(of: file(of: old), with: file(of: new))
        return result
    }

    /// The top-level mapping of the document that holds `node`.
    static func root(of node: NodeRef) -> NodeRef? {
        var current = node
        while let parent = current.parent { current = parent }
        return current.resolved.kind == .mapping ? current.resolved : nil
    }
}
