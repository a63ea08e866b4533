import BattenYAML

/// A fix written as YAML a person can paste: what a `decision` would change, shown instead of applied.
///
/// Compose fixes become a service of an override (`services: {web: {user: "10001:10001"}}`), which
/// is where a decision usually goes; Kubernetes fixes become the container, pod spec or pod metadata
/// fragment they change. Settings and appended items are written as values; what a fix removes or
/// replaces is written as a comment line, since a fragment cannot say "remove".
public enum FixSnippet {
    /// The snippet's lines, without indentation or line ends; empty when the fix changes nothing.
    public static func lines(for fix: Fix, target: FindingTarget) -> [String] {
        lines(for: [fix], target: target)
    }

    /// One snippet for several fixes of the same workload, their settings merged. A fix that brings
    /// its own snippet (a Secret to create beside the edit) is shown with it, after the others.
    public static func lines(for fixes: [Fix], target: FindingTarget) -> [String] {
        var values: [Change.Scope: YAMLValue] = [:]
        var scopes: [Change.Scope] = []
        var comments: [String] = []
        for change in fixes.filter({ $0.snippet == nil }).flatMap(\.changes) {
            let place = change.path.joined(separator: ".")
            switch change.operation {
            case .set, .append:
                if values[change.scope] == nil { scopes.append(change.scope) }
                let current = values[change.scope] ?? .mapping([])
                values[change.scope] = current.applying(change.operation, at: change.path) ?? current
            case .removeItem(let item):
                comments.append("# remove from \(place): \(inline(item))")
            case .replaceItem(let old, let new):
                comments.append("# in \(place), replace \(inline(old)) with \(inline(new))")
            case .remove:
                comments.append("# remove \(place)")
            case .renameKey(let name):
                comments.append("# rename \(place) to \(name)")
            }
        }
        var lines: [String] = []
        for scope in scopes {
            guard let value = values[scope] else { continue }
            let fragment = wrapped(value, scope: scope, target: target)
            guard let text = try? YAMLEmitter.emit(fragment) else { continue }
            lines += text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        }
        return lines + comments + fixes.compactMap(\.snippet).joined()
    }

    /// The fragment placed where it belongs in its file.
    private static func wrapped(_ value: YAMLValue, scope: Change.Scope, target: FindingTarget) -> YAMLValue {
        switch scope {
        case .service:
            return .mapping([("services", .mapping([(target.name, value)]))])
        case .container(let name):
            let entries = [YAMLValue.Entry(.string("name"), .string(name))] + (value.entries ?? [])
            return .mapping([("containers", .sequence([YAMLValue(.mapping(entries))]))])
        case .pod:
            return value
        case .podMetadata:
            return .mapping([("metadata", value)])
        case .project:
            return value
        }
    }

    /// A value on one line: a scalar's text, or the flow form of a collection.
    private static func inline(_ value: YAMLValue) -> String {
        if let text = value.scalarText { return text }
        return (try? YAMLEmitter.emit(YAMLValue(value.content, tag: value.tag, flow: true)))?
            .trimmingWhitespace ?? value.description
    }
}
