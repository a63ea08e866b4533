import BattenYAML

/// Typed access to the fields of one manifest document, read the way the API server reads them,
/// collecting a located diagnostic for every value of the wrong type.
///
/// Scalars keep the node as written (an alias points at its use); collections are resolved so that
/// their children can be read. A null value is the same as an absent one. A scalar of the wrong
/// type (a quoted `"1000"` for an integer) is a warning and reads as unset; a collection of the
/// wrong shape (`containers: {a: b}`) is an error; either way reading goes on.
struct ManifestReader {
    let document: YAMLDocument
    private(set) var diagnostics: [Diagnostic] = []

    init(document: YAMLDocument) {
        self.document = document
    }

    func ref(_ id: NodeID) -> NodeRef { document.ref(id) }

    mutating func report(_ level: Diagnostic.Level, at id: NodeID, _ message: String) {
        diagnostics.append(Diagnostic(level, at: ref(id), message))
    }

    /// The entry for `key` in a mapping (merge keys applied).
    func entry(_ key: String, in mapping: NodeID) -> MappingEntry? {
        document.entry(forKey: key, in: mapping)
    }

    /// The value node for `key` as written, or nil when absent or null.
    func value(_ key: String, in mapping: NodeID) -> NodeID? {
        guard let value = document.value(forKey: key, in: mapping), !document.isNull(value) else { return nil }
        return value
    }

    /// The entries of a mapping with scalar keys, merge keys applied.
    func namedEntries(of mapping: NodeID) -> [(name: String, entry: MappingEntry)] {
        document.entries(of: mapping).compactMap { entry in entry.name.map { ($0, entry) } }
    }

    // MARK: Collections

    /// The mapping at `key`, resolved; nil when absent or null, an error when it is not a mapping.
    mutating func mapping(_ key: String, in mapping: NodeID, field: @autoclosure () -> String) -> NodeID? {
        guard let value = value(key, in: mapping) else { return nil }
        return self.mapping(value, field: field())
    }

    /// `node` resolved when it is a mapping; nil for null, an error for anything else.
    mutating func mapping(_ node: NodeID, field: @autoclosure () -> String) -> NodeID? {
        if document.isNull(node) { return nil }
        let target = document.resolve(node)
        guard document.kind(target) == .mapping else {
            report(.error, at: node, "\(field()) must be a mapping, found \(describe(target))")
            return nil
        }
        return target
    }

    /// The sequence at `key`, resolved, with its items as written; nil when absent or null, an
    /// error when it is not a sequence.
    mutating func sequence(_ key: String, in mapping: NodeID, field: @autoclosure () -> String) -> (node: NodeID, items: [NodeID])? {
        guard let value = value(key, in: mapping) else { return nil }
        let target = document.resolve(value)
        guard document.kind(target) == .sequence else {
            report(.error, at: value, "\(field()) must be a list, found \(describe(target))")
            return nil
        }
        return (target, Array(document.children(target)))
    }

    /// The mapping items of the sequence at `key`; items of another kind are errors and skipped.
    mutating func mappingItems(_ key: String, in mapping: NodeID, field: @autoclosure () -> String) -> (node: NodeID, items: [NodeID])? {
        guard let list = sequence(key, in: mapping, field: field()) else { return nil }
        var items: [NodeID] = []
        for (index, item) in list.items.enumerated() {
            let target = document.resolve(item)
            if document.kind(target) == .mapping {
                items.append(target)
            } else if let resolved = self.mapping(item, field: "\(field())[\(index)]") {
                items.append(resolved)
            }
        }
        return (list.node, items)
    }

    // MARK: Scalars

    /// The text of the scalar at `key`, any scalar type accepted; nil when absent or null, an error
    /// when the value is a collection.
    mutating func string(_ key: String, in mapping: NodeID, field: @autoclosure () -> String) -> Sourced<String>? {
        guard let value = value(key, in: mapping) else { return nil }
        return string(value, field: field())
    }

    /// The text of a scalar node; nil for null, an error for a collection.
    mutating func string(_ node: NodeID, field: @autoclosure () -> String) -> Sourced<String>? {
        if document.isNull(node) { return nil }
        let target = document.resolve(node)
        guard let text = document.scalar(target) else {
            report(.error, at: node, "\(field()) must be a string, found \(describe(target))")
            return nil
        }
        return Sourced(text, ref(node))
    }

    /// A boolean in any YAML 1.1 form (`true`, `yes`, `on`); a warning and nil for another type.
    mutating func bool(_ key: String, in mapping: NodeID, field: @autoclosure () -> String) -> Sourced<Bool>? {
        guard let value = value(key, in: mapping) else { return nil }
        if let flag = document.bool(value) { return Sourced(flag, ref(value)) }
        reportScalarMismatch(value, field: field(), expected: "a boolean")
        return nil
    }

    /// An integer written as a YAML number; a warning and nil for another type (a quoted number
    /// is a string to the API server).
    mutating func int(_ key: String, in mapping: NodeID, field: @autoclosure () -> String) -> Sourced<Int>? {
        guard let value = value(key, in: mapping) else { return nil }
        return int(value, field: field())
    }

    mutating func int(_ node: NodeID, field: @autoclosure () -> String) -> Sourced<Int>? {
        if document.isNull(node) { return nil }
        let target = document.resolve(node)
        if document.scalarType(target) == .int, let text = document.scalar(target), let number = ScalarResolution.int(text) {
            return Sourced(number, ref(node))
        }
        reportScalarMismatch(node, field: field(), expected: "an integer")
        return nil
    }

    /// An integer or a string, as text (Kubernetes `IntOrString`: ports, quantities).
    mutating func intOrString(_ key: String, in mapping: NodeID, field: @autoclosure () -> String) -> Sourced<String>? {
        string(key, in: mapping, field: field())
    }

    private mutating func reportScalarMismatch(_ node: NodeID, field: @autoclosure () -> String, expected: String) {
        let target = document.resolve(node)
        if document.kind(target) != .scalar {
            report(.error, at: node, "\(field()) must be \(expected), found \(describe(target))")
        } else {
            report(.warning, at: node, "\(field()) must be \(expected), found \(describe(target)); the value is ignored")
        }
    }

    /// A short description of a node for messages: `a mapping`, `a list`, `the string "1000"`.
    func describe(_ id: NodeID) -> String {
        let target = document.resolve(id)
        switch document.kind(target) {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            let text = document.scalar(target) ?? ""
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            switch document.scalarType(target) {
            case .int: return "the integer \(shown)"
            case .float: return "the number \(shown)"
            case .bool: return "the boolean \(shown)"
            case .null: return "null"
            default: return "the string \"\(shown)\""
            }
        }
    }
}
