import BattenYAML

/// `batten config` of a kustomize input: every position of the rendered workloads (`line`,
/// `column`) is moved to the user's file that set the value, and names that file in `file`.
public enum KustomizeConfigRelocation {
    /// `document` (``KubernetesConfigJSON/render(_:)``) with the positions of workloads rendered
    /// from a kustomization moved to the files that set them.
    public static func relocate(_ document: JSONValue, loaded: LoadedInput, limits: YAMLLimits = .default) -> JSONValue {
        guard !loaded.kustomizations.isEmpty, case .array(let workloads) = document else { return document }
        var locators: [String: KustomizeLocator] = [:]
        for (path, rendered) in loaded.kustomizations {
            let stream = YAMLParser.parse(rendered.source, limits: limits)
            locators[path] = KustomizeLocator(rendered: rendered, documents: stream.documents, reader: .disk, limits: limits)
        }
        return .array(
            workloads.map { workload in
                guard case .string(let file)? = workload["file"], let locator = locators[file] else { return workload }
                return relocate(workload, locator: locator)
            })
    }

    private static func relocate(_ value: JSONValue, locator: KustomizeLocator) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map { relocate($0, locator: locator) })
        case .object(let members):
            var moved = members.map { ($0.0, relocate($0.1, locator: locator)) }
            guard case .int(let line)? = value["line"], case .int(let column)? = value["column"] else {
                return .object(moved)
            }
            if value["file"] != nil, value["file"] != .string(locator.rendered.source.path) { return .object(moved) }
            let source = locator.rendered.source
            guard line >= 1, line <= source.lineStarts.count,
                let location = locator.locate(offset: source.lineStarts[line - 1] + column - 1)
            else { return .object(moved) }
            moved.removeAll { $0.0 == "file" }
            moved = moved.map { key, member in
                switch key {
                case "line": return (key, .int(location.line))
                case "column": return (key, .int(location.column))
                default: return (key, member)
                }
            }
            moved.append(("file", .string(location.path)))
            return .object(moved)
        default:
            return value
        }
    }
}
