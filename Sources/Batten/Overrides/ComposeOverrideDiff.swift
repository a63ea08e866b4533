import BattenYAML

/// What an override file must say so that Compose's merge turns a service `before` into `after`.
///
/// Scalars are replaced. Mappings merge key by key, so only changed keys are written; a key that
/// must go is written `!reset null`. A list that only gained items at its end gets just those items
/// (Compose appends them: `cap_drop: [ALL]`, a missing `security_opt` entry, a tmpfs path); a list
/// that lost or changed items is written whole with `!override`, carrying over the items that stay;
/// so is an `environment` (or `labels` …) that lost a variable, as Compose keeps a `!reset` one of a
/// list-form file.
/// Fields Compose replaces whole (`command`, `entrypoint`, `healthcheck.test`, `ulimits.*`) are
/// written whole.
struct ComposeOverrideDiff {
    /// The service name, for the merge rules that depend on the path.
    let service: String

    /// The entries of the service's override mapping; empty when nothing changed.
    func entries(before: YAMLValue, after: YAMLValue) -> [YAMLValue.Entry] {
        mappingDiff(before: before.entries ?? [], after: after.entries ?? [], path: [])
    }

    private func mappingDiff(before: [YAMLValue.Entry], after: [YAMLValue.Entry], path: [String]) -> [YAMLValue.Entry] {
        var result: [YAMLValue.Entry] = []
        for entry in after {
            guard let name = entry.key.scalarText else { continue }
            guard let old = before.first(where: { $0.key.scalarText == name })?.value else {
                result.append(YAMLValue.Entry(entry.key, entry.value))
                continue
            }
            if old.means(entry.value) { continue }
            result.append(YAMLValue.Entry(entry.key, difference(old, entry.value, path: path + [name])))
        }
        for entry in before {
            guard let name = entry.key.scalarText, !after.contains(where: { $0.key.scalarText == name }) else { continue }
            result.append(YAMLValue.Entry(entry.key, YAMLValue(.scalar("null", .literal), tag: "!reset")))
        }
        return result
    }

    private func difference(_ old: YAMLValue, _ new: YAMLValue, path: [String]) -> YAMLValue {
        if ComposeMerge.replacesWhole(["services", service] + path) { return new }
        switch (old.content, new.content) {
        case (.mapping(let before), .mapping(let after))
        where path.count == 1 && ComposeShapes.keyValueKeys.contains(path[0])
            && before.contains(where: { entry in !after.contains { $0.key.scalarText == entry.key.scalarText } }):
            // `!reset` of one variable does not remove it when a file writes the list form
            // (`- NAME=value`); the whole mapping, written with `!override`, does.
            return YAMLValue(new.content, tag: "!override")
        case (.mapping(let before), .mapping(let after)):
            return YAMLValue(.mapping(mappingDiff(before: before, after: after, path: path)))
        case (.sequence(let before), .sequence(let after)):
            if after.count > before.count, zip(before, after).allSatisfy({ $0.means($1) }) {
                return .sequence(Array(after[before.count...]))
            }
            return YAMLValue(.sequence(after), tag: "!override")
        case (.scalar, _):
            return new
        default:
            return YAMLValue(new.content, tag: new.content.isScalar ? new.tag : "!override")
        }
    }
}

extension YAMLValue.Content {
    var isScalar: Bool {
        if case .scalar = self { return true }
        return false
    }
}
