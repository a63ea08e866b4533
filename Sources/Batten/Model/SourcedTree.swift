import BattenYAML

/// A YAML-shaped value in which every node remembers where it was written: the result of merging
/// Compose files, `extends`, `include` and interpolation, and what `batten config` prints.
public indirect enum SourcedTree: Sendable {
    case scalar(SourcedScalar)
    case sequence([SourcedTree], node: NodeRef?)
    case mapping([SourcedTreeEntry], node: NodeRef?)

    /// The node that set this value (nil for values Batten derived itself).
    public var node: NodeRef? {
        switch self {
        case .scalar(let scalar): return scalar.node
        case .sequence(_, let node), .mapping(_, let node): return node
        }
    }

    public var scalar: SourcedScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    public var items: [SourcedTree]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    public var entries: [SourcedTreeEntry]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    public subscript(key: String) -> SourcedTree? {
        entries?.first { $0.key == key }?.value
    }

    /// The value at a path of mapping keys.
    public func value(at path: [String]) -> SourcedTree? {
        var current: SourcedTree? = self
        for key in path { current = current?[key] }
        return current
    }

    /// The detached value (provenance dropped).
    public var yamlValue: YAMLValue {
        switch self {
        case .scalar(let scalar):
            return YAMLValue(.scalar(scalar.value, scalar.kind))
        case .sequence(let items, _):
            return .sequence(items.map(\.yamlValue))
        case .mapping(let entries, _):
            return YAMLValue(.mapping(entries.map { YAMLValue.Entry(.string($0.key), $0.value.yamlValue) }))
        }
    }
}

/// A scalar of a ``SourcedTree``.
public struct SourcedScalar: Sendable {
    /// The value after interpolation.
    public var value: String
    /// The text as written, before interpolation (nil when Batten derived the value).
    public var raw: String?
    /// Whether the value is a string or a plain literal (number, boolean, null).
    public var kind: YAMLValue.ScalarKind
    public var node: NodeRef?

    public init(value: String, raw: String? = nil, kind: YAMLValue.ScalarKind = .string, node: NodeRef?) {
        self.value = value
        self.raw = raw
        self.kind = kind
        self.node = node
    }
}

/// A key and value of a ``SourcedTree`` mapping; the key node is where the key was written.
public struct SourcedTreeEntry: Sendable {
    public var key: String
    public var keyNode: NodeRef?
    public var value: SourcedTree

    public init(key: String, keyNode: NodeRef?, value: SourcedTree) {
        self.key = key
        self.keyNode = keyNode
        self.value = value
    }
}
