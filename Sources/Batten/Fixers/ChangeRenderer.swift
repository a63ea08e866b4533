import BattenYAML

/// Turns one semantic change into text edits on the original bytes of one document: replace a
/// scalar, insert a key into a block or flow mapping (creating missing parents), append to a block
/// or flow sequence, replace `{}` / `null` / `~`, remove an item or a key, rename a key.
///
/// A value that reaches the target through a `<<` merge key or an alias is never edited where it is
/// defined: the change is made at the use site, by a local key that wins over the merged one, or by
/// replacing the alias with a mapping that merges it and overrides one key.
struct ChangeRenderer {
    let document: YAMLDocument
    let layout: SourceLayout
    let rendering: ValueRendering

    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    init(document: YAMLDocument) {
        self.document = document
        self.layout = SourceLayout(document: document)
        self.rendering = ValueRendering(layout: layout)
    }

    private var lineBreak: String { layout.lineBreak }

    /// The edits that apply `operation` at `path` below the mapping `target`.
    func edits(_ operation: Change.Operation, at path: [String], in target: NodeID) throws -> [TextEdit] {
        guard let key = path.first else { throw Refusal(description: "a change needs a key path") }
        let rest = Array(path.dropFirst())
        let mapping = target
        guard document.kind(mapping) == .mapping else {
            if document.kind(mapping) == .alias { throw Refusal(description: "the target is an alias of a shared mapping") }
            throw Refusal(description: "the target is not a mapping")
        }
        if let pair = document.pairs(mapping).first(where: { document.scalar(document.resolve($0.key)) == key }) {
            return try editEntry(key: pair.key, value: pair.value, name: key, rest: rest, operation: operation, in: mapping)
        }
        if let merged = document.entries(of: mapping).first(where: { $0.name == key }), merged.mergedVia != nil {
            if case .remove = operation { throw Refusal(description: "`\(key)` comes from a `<<` merge and cannot be removed here") }
            if case .renameKey = operation { throw Refusal(description: "`\(key)` comes from a `<<` merge and cannot be renamed here") }
            let current = document.value(merged.value, applyMerges: true)
            guard let updated = Self.apply(operation, to: current, name: key, rest: rest) else {
                throw Refusal(description: "`\(key)` does not have the shape the change expects")
            }
            if updated == current { return [] }
            return try insertEntry(key: key, value: updated, into: mapping)
        }
        switch operation {
        case .remove, .removeItem, .replaceItem, .renameKey:
            return []
        case .set, .append:
            guard let value = Self.apply(operation, to: nil, name: key, rest: rest) else { return [] }
            return try insertEntry(key: key, value: value, into: mapping)
        }
    }

    /// The new value of one entry: `operation` applied at `rest` below it.
    static func apply(_ operation: Change.Operation, to current: YAMLValue?, name: String, rest: [String]) -> YAMLValue? {
        let wrapper = YAMLValue.mapping(current.map { [(name, $0)] } ?? [])
        return wrapper.applying(operation, at: [name] + rest)?[name]
    }

    // MARK: Existing entries

    private func editEntry(
        key: NodeID, value: NodeID, name: String, rest: [String], operation: Change.Operation, in mapping: NodeID
    ) throws -> [TextEdit] {
        if case .renameKey(let newName) = operation, rest.isEmpty {
            if document.pairs(mapping).contains(where: { document.scalar(document.resolve($0.key)) == newName }) {
                return try removeEntry(key: key, value: value, in: mapping)
            }
            guard let text = ValueRendering.inlineScalar(.string(newName)) else { return [] }
            return [TextEdit(range: document.range(key), replacement: text)]
        }
        if case .remove = operation, rest.isEmpty {
            return try removeEntry(key: key, value: value, in: mapping)
        }
        if document.kind(value) == .alias {
            return try overrideAlias(key: key, value: value, name: name, rest: rest, operation: operation, in: mapping)
        }
        if !rest.isEmpty {
            switch document.kind(value) {
            case .mapping where isEmptyPlaceholder(value, in: mapping):
                guard let updated = Self.apply(operation, to: .mapping([]), name: name, rest: rest) else { return [] }
                return [replaceValue(key: key, value: value, with: updated, in: mapping)]
            case .mapping:
                return try edits(operation, at: rest, in: value)
            case .scalar where document.isNull(value):
                guard let updated = Self.apply(operation, to: nil, name: name, rest: rest) else { return [] }
                return [replaceValue(key: key, value: value, with: updated, in: mapping)]
            default:
                throw Refusal(description: "`\(name)` is a \(document.kind(value)), not a mapping")
            }
        }
        switch operation {
        case .set(let newValue):
            let current = document.value(value, applyMerges: true)
            if current == newValue { return [] }
            if document.kind(value) == .scalar, case .scalar = newValue.content, newValue.tag == nil,
                let text = scalarReplacement(for: newValue, replacing: value)
            {
                return [TextEdit(range: document.range(value), replacement: text)]
            }
            return [replaceValue(key: key, value: value, with: newValue, in: mapping)]
        case .append(let item):
            return try append(item, to: value, key: key, name: name, in: mapping)
        case .removeItem(let item):
            return try removeItems(equalTo: item, from: value, key: key, in: mapping)
        case .replaceItem(let old, let new):
            return try replaceItems(equalTo: old, with: new, in: value)
        case .remove, .renameKey:
            return []
        }
    }

    /// An empty `{}` written under a key of a block mapping: a placeholder (as charts write
    /// `securityContext: {}`) that is replaced by a block mapping rather than filled in flow style.
    private func isEmptyPlaceholder(_ value: NodeID, in mapping: NodeID) -> Bool {
        document.kind(value) == .mapping && document.style(value) == .flow && document.children(value).isEmpty
            && document.tag(value) == nil && !isInFlow(mapping)
    }

    /// Keeps the quoting style of the scalar being replaced when the new text allows it. Inside a
    /// flow collection the text is quoted whenever flow indicators in it (`{`, `}`, `,` …) would end a
    /// plain scalar: `{DB_PASSWORD: '${DB_PASSWORD:?DB_PASSWORD must be set}'}`.
    private func scalarReplacement(for value: YAMLValue, replacing node: NodeID) -> String? {
        guard case .scalar(let text, let kind) = value.content else { return nil }
        if kind == .string, !text.contains("\n"), !text.contains("\\") {
            switch document.style(node) {
            case .doubleQuoted where !text.contains("\""): return "\"" + text + "\""
            case .singleQuoted where !text.contains("'"): return "'" + text + "'"
            default: break
            }
        }
        if isInFlow(node) { return ValueRendering.flow(value) }
        return ValueRendering.inlineScalar(value)
    }

    /// Replaces an entry's value (and the text between key and value) with `newValue`.
    private func replaceValue(key: NodeID, value: NodeID, with newValue: YAMLValue, in mapping: NodeID) -> TextEdit {
        let range = Int(document.node(key).end)..<Int(document.node(value).end)
        if document.style(mapping) == .flow || isInFlow(mapping) {
            let text = ValueRendering.flow(newValue) ?? "null"
            return TextEdit(range: range, replacement: ": " + text)
        }
        let keyColumn = layout.column(of: Int(document.node(key).start))
        let lines = rendering.valueLines(newValue, after: ":", indent: keyColumn)
        // A one-line value (`{}`, `~`, nothing) replaced by a block: the lines go after the line's
        // comment, which stays with its key.
        if lines.count > 1, !lines[0].contains(" "), layout.lineEnd(range.lowerBound) >= range.upperBound,
            !layout.isLineStart(range.upperBound) || range.isEmpty
        {
            let end = layout.lineEnd(range.upperBound)
            if end > range.upperBound {
                return TextEdit(
                    range: range.lowerBound..<end,
                    replacement: lines[0] + String(decoding: layout.bytes[range.upperBound..<end], as: UTF8.self)
                        + lineBreak + lines.dropFirst().joined(separator: lineBreak))
            }
        }
        var text = lines.joined(separator: lineBreak)
        // A block value that used to end at a line start (a block scalar) took its line break along.
        if layout.isLineStart(range.upperBound), range.upperBound > range.lowerBound { text += lineBreak }
        return TextEdit(range: range, replacement: text)
    }

    private func isInFlow(_ node: NodeID) -> Bool {
        var current: NodeID? = node
        while let id = current {
            if document.style(id) == .flow { return true }
            current = document.parent(id)
        }
        return false
    }

    // MARK: Aliases

    private func overrideAlias(
        key: NodeID, value: NodeID, name: String, rest: [String], operation: Change.Operation, in mapping: NodeID
    ) throws -> [TextEdit] {
        let current = document.value(value, applyMerges: true)
        guard let updated = Self.apply(operation, to: current, name: name, rest: rest) else {
            throw Refusal(description: "`\(name)` does not have the shape the change expects")
        }
        if updated == current { return [] }
        let target = document.resolve(value)
        // Keep sharing the anchor: merge it and override the one key that changes.
        if document.kind(target) == .mapping, let first = rest.first, let anchor = document.anchor(target),
            case .mapping = updated.content, let changed = updated[first], !isInFlow(mapping)
        {
            let keyColumn = layout.column(of: Int(document.node(key).start))
            let pad = String(repeating: " ", count: keyColumn + layout.indentStep)
            var lines = [":", pad + "<<: *" + anchor]
            lines += rendering.entryLines(key: first, value: changed, indent: keyColumn + layout.indentStep)
            let range = Int(document.node(key).end)..<Int(document.node(value).end)
            return [TextEdit(range: range, replacement: lines.joined(separator: lineBreak))]
        }
        return [replaceValue(key: key, value: value, with: updated, in: mapping)]
    }

    // MARK: Inserting

    private func insertEntry(key: String, value: YAMLValue, into mapping: NodeID) throws -> [TextEdit] {
        let pairs = document.pairs(mapping)
        if document.style(mapping) == .flow {
            guard let text = ValueRendering.flow(value), let keyText = ValueRendering.inlineScalar(.string(key)) else {
                throw Refusal(description: "the value cannot be written inside a flow mapping")
            }
            if let last = pairs.last {
                return [TextEdit.insert(", " + keyText + ": " + text, at: Int(document.node(last.value).end))]
            }
            guard let brace = firstByte(UInt8(ascii: "{"), from: Int(document.node(mapping).start)) else {
                throw Refusal(description: "cannot find the flow mapping's brace")
            }
            return [TextEdit.insert(keyText + ": " + text, at: brace + 1)]
        }
        guard let first = pairs.first, let last = pairs.last else {
            throw Refusal(description: "cannot insert into an empty block mapping")
        }
        let indent = layout.column(of: Int(document.node(first.key).start))
        let lines = rendering.entryLines(key: key, value: value, indent: indent)
        let point = layout.insertionPoint(after: Int(document.node(last.value).end))
        let body = lines.joined(separator: lineBreak)
        let text = point.needsLeadingBreak ? lineBreak + body : body + lineBreak
        return [TextEdit.insert(text, at: point.offset)]
    }

    private func firstByte(_ byte: UInt8, from offset: Int) -> Int? {
        let bytes = layout.bytes
        var index = offset
        while index < bytes.count {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    // MARK: Sequences

    private func append(_ item: YAMLValue, to value: NodeID, key: NodeID, name: String, in mapping: NodeID) throws -> [TextEdit] {
        switch document.kind(value) {
        case .sequence:
            let items = document.children(value)
            if items.contains(where: { document.value($0, applyMerges: true) == item }) { return [] }
            if document.style(value) == .flow {
                guard let text = ValueRendering.flow(item) else { throw Refusal(description: "the item cannot be written in a flow sequence") }
                if let last = items.last { return [TextEdit.insert(", " + text, at: Int(document.node(last).end))] }
                guard let bracket = firstByte(UInt8(ascii: "["), from: Int(document.node(value).start)) else {
                    throw Refusal(description: "cannot find the flow sequence's bracket")
                }
                return [TextEdit(range: bracket..<Int(document.node(value).end), replacement: "[" + text + "]")]
            }
            guard let last = items.last, let first = items.first else { return [] }
            let dash = layout.dashColumn(ofItem: first)
            let lines = rendering.itemLines(item, indent: dash)
            let point = layout.insertionPoint(after: Int(document.node(last).end))
            let body = lines.joined(separator: lineBreak)
            return [TextEdit.insert(point.needsLeadingBreak ? lineBreak + body : body + lineBreak, at: point.offset)]
        case .scalar:
            let current = document.value(value, applyMerges: true)
            if current == item { return [] }
            let updated: YAMLValue = document.isNull(value) ? .sequence([item]) : .sequence([current, item])
            return [replaceValue(key: key, value: value, with: updated, in: mapping)]
        case .mapping, .alias:
            throw Refusal(description: "`\(name)` is a \(document.kind(value)), not a list")
        }
    }

    private func removeItems(equalTo item: YAMLValue, from value: NodeID, key: NodeID, in mapping: NodeID) throws -> [TextEdit] {
        guard document.kind(value) == .sequence else { return [] }
        let items = Array(document.children(value))
        let matching = items.indices.filter { document.value(items[$0], applyMerges: true) == item }
        if matching.isEmpty { return [] }
        if matching.count == items.count {
            if document.style(value) == .block, let emptied = try? emptyBlockSequence(value, key: key) { return emptied }
            let empty = YAMLValue(.sequence([]), tag: document.tag(value))
            return [replaceValue(key: key, value: value, with: empty, in: mapping)]
        }
        if document.style(value) == .flow {
            return matching.map { index in
                let node = items[index]
                if index > 0 {
                    return TextEdit(range: Int(document.node(items[index - 1]).end)..<Int(document.node(node).end), replacement: "")
                }
                return TextEdit(range: Int(document.node(node).start)..<Int(document.node(items[index + 1]).start), replacement: "")
            }.reduce(into: [TextEdit]()) { result, edit in
                if let last = result.last, last.range.overlaps(edit.range) || last.range.upperBound == edit.range.lowerBound {
                    result[result.count - 1] = TextEdit(range: last.range.lowerBound..<max(last.range.upperBound, edit.range.upperBound), replacement: "")
                } else {
                    result.append(edit)
                }
            }
        }
        return try matching.map { index in
            let node = items[index]
            let dash = layout.dashOffset(ofItem: node)
            guard layout.onlySpacesBefore(dash) else { throw Refusal(description: "the list item does not start its own line") }
            return TextEdit(range: layout.lineStart(dash)..<lineRemovalEnd(after: Int(document.node(node).end)), replacement: "")
        }
    }

    private func replaceItems(equalTo old: YAMLValue, with new: YAMLValue, in value: NodeID) throws -> [TextEdit] {
        guard document.kind(value) == .sequence, old != new else { return [] }
        let flow = document.style(value) == .flow || isInFlow(value)
        return try document.children(value).filter { document.value($0, applyMerges: true) == old }.map { item in
            let range = document.range(item)
            if flow || new.scalarText != nil {
                if document.kind(item) == .scalar, let text = scalarReplacement(for: new, replacing: item) {
                    return TextEdit(range: range, replacement: text)
                }
                guard let text = ValueRendering.flow(new) else { throw Refusal(description: "the item cannot be written in a flow sequence") }
                return TextEdit(range: range, replacement: text)
            }
            let column = layout.column(of: range.lowerBound)
            var lines = rendering.blockLines(new, indent: column)
            if let first = lines.first { lines[0] = first.trimmingLeadingSpaces }
            return TextEdit(range: range, replacement: lines.joined(separator: lineBreak))
        }
    }

    /// Empties a block sequence: its item lines go, `[]` goes after the key's colon (or after the
    /// sequence's tag), and comment lines between stay where they are.
    private func emptyBlockSequence(_ value: NodeID, key: NodeID) throws -> [TextEdit] {
        let bytes = layout.bytes
        var offset: Int
        if document.tag(value) != nil || document.anchor(value) != nil {
            offset = Int(document.node(value).start)
            // Skip the tag and anchor tokens written before the items.
            while offset < bytes.count, bytes[offset] == UInt8(ascii: "!") || bytes[offset] == UInt8(ascii: "&") {
                while offset < bytes.count, bytes[offset] != UInt8(ascii: " "), bytes[offset] != 0x0A, bytes[offset] != 0x0D {
                    offset += 1
                }
                while offset < bytes.count, bytes[offset] == UInt8(ascii: " ") { offset += 1 }
            }
            while offset > 0, bytes[offset - 1] == UInt8(ascii: " ") { offset -= 1 }
        } else {
            guard let colon = firstByte(UInt8(ascii: ":"), from: Int(document.node(key).end)) else {
                throw Refusal(description: "cannot find the key's colon")
            }
            offset = colon + 1
        }
        var edits = [TextEdit.insert(" []", at: offset)]
        for item in document.children(value) {
            let dash = layout.dashOffset(ofItem: item)
            guard layout.onlySpacesBefore(dash), layout.lineStart(dash) > offset else {
                throw Refusal(description: "the list item does not start its own line")
            }
            edits.append(TextEdit(range: layout.lineStart(dash)..<lineRemovalEnd(after: Int(document.node(item).end)), replacement: ""))
        }
        return edits
    }

    /// Where the lines of a node ending at `end` stop, line break included.
    private func lineRemovalEnd(after end: Int) -> Int {
        layout.isLineStart(end) && end > 0 ? end : layout.nextLineStart(end)
    }

    // MARK: Removing entries

    private func removeEntry(key: NodeID, value: NodeID, in mapping: NodeID) throws -> [TextEdit] {
        let pairs = document.pairs(mapping)
        guard let index = pairs.firstIndex(where: { $0.key == key }) else { return [] }
        if pairs.count == 1 {
            guard let parentKey = document.key(ofValue: mapping) else {
                return [TextEdit(range: document.range(mapping), replacement: "{}")]
            }
            return [TextEdit(range: Int(document.node(parentKey).end)..<Int(document.node(mapping).end), replacement: ": {}")]
        }
        if document.style(mapping) == .flow {
            if index > 0 {
                return [TextEdit(range: Int(document.node(pairs[index - 1].value).end)..<Int(document.node(value).end), replacement: "")]
            }
            return [TextEdit(range: Int(document.node(key).start)..<Int(document.node(pairs[1].key).start), replacement: "")]
        }
        let start = Int(document.node(key).start)
        guard layout.onlySpacesBefore(start) else {
            throw Refusal(description: "the key shares its line with a list dash; remove it by hand")
        }
        return [TextEdit(range: layout.lineStart(start)..<lineRemovalEnd(after: Int(document.node(value).end)), replacement: "")]
    }
}
