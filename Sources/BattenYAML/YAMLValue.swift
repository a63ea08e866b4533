/// A YAML value detached from any source: what the emitter writes and what tree comparisons use.
///
/// Equality is semantic: tags, kinds, keys and order count; the flow/block layout does not.
public struct YAMLValue: Hashable, Sendable, CustomStringConvertible {
    public enum Content: Hashable, Sendable {
        /// A scalar. `literal` scalars (numbers, booleans, null) are written plain; strings are
        /// quoted whenever plain text would be read back as something else.
        case scalar(String, ScalarKind)
        case sequence([YAMLValue])
        case mapping([Entry])
    }

    public enum ScalarKind: Hashable, Sendable {
        case string
        case literal
    }

    public struct Entry: Hashable, Sendable {
        public var key: YAMLValue
        public var value: YAMLValue

        public init(_ key: YAMLValue, _ value: YAMLValue) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    /// The tag as written (`!override`, `!reset`, `!!str`), or nil.
    public var tag: String?
    /// Layout hint for collections; not part of equality.
    public var flow: Bool

    public init(_ content: Content, tag: String? = nil, flow: Bool = false) {
        self.content = content
        self.tag = tag
        self.flow = flow
    }

    public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
        lhs.tag == rhs.tag && lhs.content == rhs.content
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tag)
        hasher.combine(content)
    }

    // MARK: Constructors

    public static func string(_ text: String, tag: String? = nil) -> YAMLValue { YAMLValue(.scalar(text, .string), tag: tag) }
    public static func int(_ value: Int) -> YAMLValue { YAMLValue(.scalar(String(value), .literal)) }
    public static func bool(_ value: Bool) -> YAMLValue { YAMLValue(.scalar(value ? "true" : "false", .literal)) }
    public static var null: YAMLValue { YAMLValue(.scalar("null", .literal)) }
    public static func literal(_ text: String) -> YAMLValue { YAMLValue(.scalar(text, .literal)) }

    public static func sequence(_ items: [YAMLValue], tag: String? = nil, flow: Bool = false) -> YAMLValue {
        YAMLValue(.sequence(items), tag: tag, flow: flow)
    }

    public static func mapping(_ entries: [(String, YAMLValue)], tag: String? = nil, flow: Bool = false) -> YAMLValue {
        YAMLValue(.mapping(entries.map { Entry(.string($0.0), $0.1) }), tag: tag, flow: flow)
    }

    // MARK: Access

    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    public var items: [YAMLValue]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var entries: [Entry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    public subscript(key: String) -> YAMLValue? {
        entries?.first { $0.key.scalarText == key }?.value
    }

    public var description: String {
        switch content {
        case .scalar(let text, let kind):
            let body = kind == .string ? "\"\(text)\"" : text
            return tag.map { "\($0) \(body)" } ?? body
        case .sequence(let items):
            let body = "[" + items.map(\.description).joined(separator: ", ") + "]"
            return tag.map { "\($0) \(body)" } ?? body
        case .mapping(let entries):
            let body = "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
            return tag.map { "\($0) \(body)" } ?? body
        }
    }
}

extension YAMLDocument {
    /// The node as a detached value. Aliases are expanded (the parser has already bounded the
    /// expanded size); with `applyMerges`, `<<` keys are replaced by the entries they merge.
    public func value(_ id: NodeID, applyMerges: Bool = false) -> YAMLValue {
        let target = resolve(id)
        let node = self.node(target)
        let tag = self.tag(target)
        switch node.kind {
        case .scalar:
            let text = scalarValues[Int(node.first)]
            let kind: YAMLValue.ScalarKind =
                node.style == .plain && tag != "!!str" && ScalarResolution.plainType(text) != .string ? .literal : .string
            return YAMLValue(.scalar(text, kind), tag: tag)
        case .sequence:
            return YAMLValue(.sequence(children(target).map { value($0, applyMerges: applyMerges) }), tag: tag, flow: node.style == .flow)
        case .mapping:
            let entries: [YAMLValue.Entry]
            if applyMerges {
                entries = self.entries(of: target).map {
                    YAMLValue.Entry(value($0.key, applyMerges: true), value($0.value, applyMerges: true))
                }
            } else {
                entries = pairs(target).map {
                    YAMLValue.Entry(value($0.key, applyMerges: false), value($0.value, applyMerges: false))
                }
            }
            return YAMLValue(.mapping(entries), tag: tag, flow: node.style == .flow)
        case .alias:
            return .null
        }
    }
}
