import BattenYAML

/// Reading and editing helpers the Compose loader uses on ``SourcedTree`` values.
extension SourcedTree {
    /// True for a null scalar (`null`, `~`, an empty plain value).
    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalar.kind == .literal && ScalarResolution.isNull(scalar.value)
    }

    /// The scalar's value, nil for collections and nulls.
    var text: String? {
        guard case .scalar(let scalar) = self, !isNull else { return nil }
        return scalar.value
    }

    /// The scalar's value read as a YAML 1.1 boolean, or as the strings Compose accepts after interpolation.
    var bool: Bool? {
        guard let text else { return nil }
        return ScalarResolution.bool(text)
    }

    /// What the value is, for messages: `a mapping`, `a list`, `a string`, `null`.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if isNull { return "null" }
            if scalar.kind == .literal {
                switch ScalarResolution.plainType(scalar.raw ?? scalar.value) {
                case .bool: return "a boolean"
                case .int, .float: return "a number"
                default: return "a scalar"
                }
            }
            return "a string"
        }
    }

    var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }

    var isSequence: Bool {
        if case .sequence = self { return true }
        return false
    }

    var isScalar: Bool {
        if case .scalar = self { return true }
        return false
    }

    /// The entry for `key`.
    func entry(_ key: String) -> SourcedTreeEntry? {
        entries?.first { $0.key == key }
    }

    /// A copy with the value at `path` (mapping keys) removed; unchanged when the path does not exist.
    func removing(_ path: ArraySlice<String>) -> SourcedTree {
        guard let first = path.first, case .mapping(var entries, let node) = self else { return self }
        guard let index = entries.firstIndex(where: { $0.key == first }) else { return self }
        if path.count == 1 {
            entries.remove(at: index)
        } else {
            entries[index].value = entries[index].value.removing(path.dropFirst())
        }
        return .mapping(entries, node: node)
    }

    /// A copy with `value` at `key` of a mapping (replaced in place, or appended).
    func setting(_ key: String, to value: SourcedTree, keyNode: NodeRef?) -> SourcedTree {
        guard case .mapping(var entries, let node) = self else { return self }
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append(SourcedTreeEntry(key: key, keyNode: keyNode, value: value))
        }
        return .mapping(entries, node: node)
    }

    /// A copy without the entry `key`.
    func removingKey(_ key: String) -> SourcedTree {
        removing([key][...])
    }

    /// A scalar derived by Batten (no source text).
    static func derived(_ value: String, kind: YAMLValue.ScalarKind = .string, node: NodeRef?) -> SourcedTree {
        .scalar(SourcedScalar(value: value, raw: nil, kind: kind, node: node))
    }

    /// A null scalar at `node`.
    static func null(node: NodeRef?) -> SourcedTree {
        .scalar(SourcedScalar(value: "null", raw: nil, kind: .literal, node: node))
    }
}
