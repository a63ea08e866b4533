internal import CYAML

/// The documents of one YAML stream and the error that stopped parsing, if any.
/// Documents before the error are complete and usable.
public struct YAMLStream: Sendable {
    public let source: SourceFile
    public let documents: [YAMLDocument]
    public let error: YAMLError?

    public init(source: SourceFile, documents: [YAMLDocument], error: YAMLError?) {
        self.source = source
        self.documents = documents
        self.error = error
    }
}

/// Parses YAML with libyaml's event API into arena documents with exact byte ranges.
public enum YAMLParser {
    /// Parses every document of `source`.
    public static func parse(_ source: SourceFile, limits: YAMLLimits = .default) -> YAMLStream {
        var documents: [YAMLDocument] = []
        let error = forEachDocument(source, limits: limits) { documents.append($0) }
        return YAMLStream(source: source, documents: documents, error: error)
    }

    /// Parses `text` as a stream named `path` (used by tests and for embedded data).
    public static func parse(_ text: String, path: String = "<string>", limits: YAMLLimits = .default) -> YAMLStream {
        parse(SourceFile(path: path, text: text), limits: limits)
    }

    /// Parses `source` one document at a time, handing each to `body` as soon as it is complete, so
    /// that a stream of many documents never holds more than one arena. Returns the error that
    /// stopped parsing, or nil when the whole stream was read.
    @discardableResult
    public static func forEachDocument(
        _ source: SourceFile, limits: YAMLLimits = .default, _ body: (YAMLDocument) -> Void
    ) -> YAMLError? {
        if let refusal = refusal(source, limits: limits) { return refusal }
        return source.bytes.withUnsafeBufferPointer { buffer -> YAMLError? in
            // An empty buffer still needs a valid pointer.
            let empty: [UInt8] = [0]
            return empty.withUnsafeBufferPointer { emptyBuffer -> YAMLError? in
                guard let base = buffer.count > 0 ? buffer.baseAddress : emptyBuffer.baseAddress,
                    let parser = makeParser(input: base, count: buffer.count)
                else { return parserUnavailable(source) }
                defer { deleteParser(parser) }
                var builder = DocumentBuilder(source: source, limits: limits)
                return builder.run(parser: parser, body: body)
            }
        }
    }

    /// The error of a file that cannot be parsed at all (too large, UTF-16), before libyaml sees it.
    static func refusal(_ source: SourceFile, limits: YAMLLimits) -> YAMLError? {
        if source.bytes.count > limits.maxFileSize {
            return YAMLError(
                kind: .fileTooLarge, path: source.path, position: SourcePosition(offset: 0, line: 1, column: 1),
                message: "file is \(source.bytes.count) bytes, over the limit of \(limits.maxFileSize) bytes")
        }
        if source.bytes.count >= 2,
            (source.bytes[0] == 0xFF && source.bytes[1] == 0xFE) || (source.bytes[0] == 0xFE && source.bytes[1] == 0xFF)
        {
            return YAMLError(
                kind: .encoding, path: source.path, position: SourcePosition(offset: 0, line: 1, column: 1),
                message: "UTF-16 input is not supported; save the file as UTF-8")
        }
        return nil
    }

    /// A libyaml parser reading `count` bytes at `input` (which must outlive it), or nil when
    /// libyaml cannot allocate one. Free it with ``deleteParser(_:)``.
    static func makeParser(input: UnsafePointer<UInt8>, count: Int) -> UnsafeMutablePointer<yaml_parser_t>? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) != 0 else {
            parser.deallocate()
            return nil
        }
        yaml_parser_set_input_string(parser, input, count)
        return parser
    }

    static func deleteParser(_ parser: UnsafeMutablePointer<yaml_parser_t>) {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    static func parserUnavailable(_ source: SourceFile) -> YAMLError {
        YAMLError(
            kind: .io, path: source.path, position: SourcePosition(offset: 0, line: 1, column: 1),
            message: "libyaml could not allocate a parser")
    }
}

/// Turns libyaml events into arena documents.
struct DocumentBuilder {
    let source: SourceFile
    let limits: YAMLLimits

    var nodes: [Node] = []
    var childList: [NodeID] = []
    var scalarValues: [String] = []
    var tagTable: [String] = []
    var tagIndex: [String: Int32] = [:]
    var anchorTable: [String] = []
    /// Anchor name → node id, for the current document.
    var anchors: [String: Int32] = [:]
    /// Per node: the node count once aliases are expanded (saturating at the limit + 1).
    var expanded: [Int] = []
    /// Per node: how many collection levels it spans once aliases are expanded (0 for a scalar).
    var heights: [Int] = []
    /// Per node: true once the node is complete (aliases to incomplete nodes are recursive).
    var complete: [Bool] = []
    /// Per node: the bytes of scalar text in it once aliases are expanded (saturating).
    var expandedText: [Int] = []
    /// The nodes the document's aliases stand for so far, each alias counting its target expanded.
    var aliasExpansion = 0
    /// The bytes of scalar text the document's aliases stand for so far.
    var aliasTextExpansion = 0
    /// Per aliased node: how many aliases refer to it, and the nodes and text they stand for together.
    var aliasUses: [Int32: AliasUse] = [:]

    struct AliasUse {
        var aliases = 0
        var nodes = 0
        var text = 0
    }
    /// Open collections: node index and where their children start in `pending`.
    var stack: [(node: Int32, firstPending: Int)] = []
    var pending: [NodeID] = []
    var root: Int32 = -1
    var documentStart = 0
    var documentIndex = 0
    var explicitStart = false
    /// Byte offset just past the `---` of the current document (its start when the marker is implicit).
    var documentMarkerEnd = 0

    init(source: SourceFile, limits: YAMLLimits) {
        self.source = source
        self.limits = limits
    }

    /// Hands every document to `body`; returns the error that stopped the stream, if any.
    mutating func run(parser: UnsafeMutablePointer<yaml_parser_t>, body: (YAMLDocument) -> Void) -> YAMLError? {
        while true {
            var document: YAMLDocument?
            if let error = next(parser: parser, produced: &document) { return error }
            guard let document else { return nil }
            body(document)
        }
    }

    /// Reads events up to the end of the next document, which it puts in `produced`, or to the end
    /// of the stream (nothing produced); returns the error that stopped it instead. Not to be
    /// called again after the end or an error.
    mutating func next(parser: UnsafeMutablePointer<yaml_parser_t>, produced: inout YAMLDocument?) -> YAMLError? {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                return libyamlError(parser.pointee)
            }
            defer { yaml_event_delete(&event) }
            let startOffset = source.byteOffset(forScalarIndex: Int(event.start_mark.index))
            let endOffset = source.byteOffset(forScalarIndex: Int(event.end_mark.index))
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_DOCUMENT_START_EVENT:
                resetDocument()
                documentStart = startOffset
                explicitStart = event.data.document_start.implicit == 0
                documentMarkerEnd = explicitStart ? endOffset : startOffset
            case YAML_DOCUMENT_END_EVENT:
                if let error = aliasExpansionError(documentBytes: endOffset - documentStart) { return error }
                let document = YAMLDocument(
                    source: source, index: documentIndex, root: root < 0 ? nil : NodeID(Int(root)),
                    range: documentStart..<max(documentStart, endOffset), hasExplicitStart: explicitStart,
                    nodes: Self.exactCopy(nodes), childList: Self.exactCopy(childList),
                    scalarValues: Self.exactCopy(scalarValues), tagTable: tagTable, anchorTable: anchorTable)
                documentIndex += 1
                resetDocument()
                produced = document
                return nil
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value: String
                if let pointer = scalar.value, scalar.length > 0 {
                    value = String(decoding: UnsafeBufferPointer(start: pointer, count: Int(scalar.length)), as: UTF8.self)
                } else {
                    value = ""
                }
                let style: NodeStyle
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                var start = startOffset
                var end = endOffset
                if style.isBlockScalar {
                    end = blockScalarEnd(start: start, end: end)
                } else if start == end, style == .plain, value.isEmpty, scalar.tag == nil, scalar.anchor == nil {
                    if stack.isEmpty, explicitStart {
                        // An empty document: libyaml puts its null at the next token; keep it inside the document.
                        start = documentMarkerEnd
                        end = documentMarkerEnd
                    } else if isFlowMappingValuePosition, let colon = colonEnd(before: start) {
                        // `{a: }`: libyaml puts the null at the next token; put it after the colon as in block mappings.
                        start = colon
                        end = colon
                    }
                }
                scalarValues.append(value)
                let id = addNode(
                    kind: .scalar, style: style, start: start, end: end,
                    first: Int32(scalarValues.count - 1), tag: scalar.tag, anchor: scalar.anchor)
                registerAnchor(scalar.anchor, node: id)
                expanded.append(1)
                expandedText.append(value.utf8.count)
                heights.append(0)
                complete.append(true)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if stack.count + 1 > limits.maxDepth {
                    return YAMLError(
                        kind: .tooDeep, path: source.path, position: source.position(forByteOffset: startOffset),
                        message: "nesting is deeper than the limit of \(limits.maxDepth) levels")
                }
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let flow =
                    isSequence
                    ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                    : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                let tag = isSequence ? event.data.sequence_start.tag : event.data.mapping_start.tag
                let anchor = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                let id = addNode(
                    kind: isSequence ? .sequence : .mapping, style: flow ? .flow : .block,
                    start: startOffset, end: endOffset, first: 0, tag: tag, anchor: anchor)
                registerAnchor(anchor, node: id)
                expanded.append(1)
                expandedText.append(0)
                heights.append(1)
                complete.append(false)
                stack.append((id, pending.count))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let open = stack.popLast() else { continue }
                let index = Int(open.node)
                // The children are read by index, not through a slice: a slice alive at the
                // `removeSubrange` below would make `pending` copy itself at every collection's end.
                let childRange = open.firstPending..<pending.count
                nodes[index].first = Int32(childList.count)
                nodes[index].count = Int32(childRange.count)
                // A single `key: value` pair in a flow sequence has no braces: it ends with its value.
                let isImplicitPair = nodes[index].kind == .mapping && nodes[index].start == nodes[index].end
                if nodes[index].style == .flow && !isImplicitPair {
                    nodes[index].end = Int32(endOffset)
                } else if !childRange.isEmpty {
                    nodes[index].end = nodes[Int(pending[childRange.upperBound - 1].index)].end
                }
                var total = 1
                var text = 0
                var height = 0
                for position in childRange {
                    let child = Int(pending[position].index)
                    total = min(total + expanded[child], limits.maxExpandedNodes + 1)
                    text = Self.saturatingSum(text, expandedText[child])
                    height = max(height, heights[child])
                }
                expandedText[index] = text
                heights[index] = height + 1
                childList.append(contentsOf: pending[childRange])
                pending.removeSubrange(childRange)
                expanded[index] = total
                complete[index] = true
                if event.type == YAML_MAPPING_END_EVENT, let error = duplicateKeyError(mapping: index) {
                    return error
                }
                if total > limits.maxExpandedNodes {
                    return YAMLError(
                        kind: .tooManyNodes, path: source.path,
                        position: source.position(forByteOffset: Int(nodes[index].start)),
                        message: "document has more than \(limits.maxExpandedNodes) nodes once aliases are expanded (an alias bomb?)")
                }
            case YAML_ALIAS_EVENT:
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                guard let target = anchors[name] else {
                    return YAMLError(
                        kind: .undefinedAlias, path: source.path, position: source.position(forByteOffset: startOffset),
                        message: "alias *\(name) refers to no anchor defined before it")
                }
                guard complete[Int(target)] else {
                    return YAMLError(
                        kind: .recursiveAlias, path: source.path, position: source.position(forByteOffset: startOffset),
                        message: "alias *\(name) refers to the node that contains it")
                }
                _ = addNode(kind: .alias, style: .plain, start: startOffset, end: endOffset, first: target, tag: nil, anchor: nil)
                if stack.count + heights[Int(target)] > limits.maxDepth {
                    return YAMLError(
                        kind: .tooDeep, path: source.path, position: source.position(forByteOffset: startOffset),
                        message: "alias *\(name) nests deeper than the limit of \(limits.maxDepth) levels once expanded")
                }
                let size = expanded[Int(target)]
                let text = expandedText[Int(target)]
                aliasExpansion += size
                aliasTextExpansion = Self.saturatingSum(aliasTextExpansion, text)
                aliasUses[target, default: AliasUse()].aliases += 1
                aliasUses[target, default: AliasUse()].nodes += size
                aliasUses[target, default: AliasUse()].text = Self.saturatingSum(aliasUses[target, default: AliasUse()].text, text)
                expanded.append(size)
                expandedText.append(text)
                heights.append(heights[Int(target)])
                complete.append(true)
                if size > limits.maxExpandedNodes {
                    return YAMLError(
                        kind: .tooManyNodes, path: source.path, position: source.position(forByteOffset: startOffset),
                        message: "document has more than \(limits.maxExpandedNodes) nodes once aliases are expanded (an alias bomb?)")
                }
            default:
                break
            }
        }
    }

    /// The error of a document whose aliases stand for more nodes, or more bytes of scalar text,
    /// than its budget allows, located at the anchor whose aliases stand for the most; nil within
    /// the budget.
    private func aliasExpansionError(documentBytes: Int) -> YAMLError? {
        let nodeBudget = limits.aliasExpansionBudget(nodes: nodes.count)
        if aliasExpansion > nodeBudget, let (anchor, use) = heaviestAnchor(by: \.nodes) {
            return YAMLError(
                kind: .aliasExpansion, path: source.path, position: source.position(forByteOffset: Int(nodes[Int(anchor)].start)),
                message: "anchor &\(anchorName(anchor)) stands for \(Self.count(expanded[Int(anchor)], "node")) and is used by "
                    + "\(Self.count(use.aliases, "alias", "aliases")): the document's aliases stand for \(aliasExpansion) nodes, "
                    + "over the limit of \(nodeBudget) for a document of \(Self.count(nodes.count, "node")) "
                    + "(\(limits.maxAliasExpansion), or \(limits.aliasExpansionFactor) per node written; an alias bomb?)")
        }
        let textBudget = limits.aliasTextBudget(bytes: documentBytes)
        if aliasTextExpansion > textBudget, let (anchor, use) = heaviestAnchor(by: \.text) {
            return YAMLError(
                kind: .aliasExpansion, path: source.path, position: source.position(forByteOffset: Int(nodes[Int(anchor)].start)),
                message: "anchor &\(anchorName(anchor)) stands for \(Self.count(expandedText[Int(anchor)], "byte")) of text and is used by "
                    + "\(Self.count(use.aliases, "alias", "aliases")): the document's aliases stand for \(aliasTextExpansion) bytes of text, "
                    + "over the limit of \(textBudget) for a document of \(Self.count(documentBytes, "byte")) "
                    + "(\(limits.maxAliasTextExpansion), or \(limits.aliasExpansionFactor) per byte of the document; an alias bomb?)")
        }
        return nil
    }

    /// The aliased node whose aliases stand for the most, by `measure`; the first in the document
    /// among equals.
    private func heaviestAnchor(by measure: KeyPath<AliasUse, Int>) -> (Int32, AliasUse)? {
        aliasUses.max { ($0.value[keyPath: measure], $1.key) < ($1.value[keyPath: measure], $0.key) }.map { ($0.key, $0.value) }
    }

    private func anchorName(_ id: Int32) -> String {
        let slot = Int(nodes[Int(id)].anchor)
        return slot >= 0 && slot < anchorTable.count ? anchorTable[slot] : ""
    }

    private static func saturatingSum(_ left: Int, _ right: Int) -> Int {
        let (sum, overflow) = left.addingReportingOverflow(right)
        return overflow ? Int.max : sum
    }

    private static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) " + (number == 1 ? singular : plural ?? singular + "s")
    }

    /// A copy of `array` with no spare capacity, so that a kept document holds only what it needs
    /// and the builder goes on reusing its own buffers.
    private static func exactCopy<Element>(_ array: [Element]) -> [Element] {
        array.withUnsafeBufferPointer { Array($0) }
    }

    private mutating func resetDocument() {
        nodes.removeAll(keepingCapacity: true)
        childList.removeAll(keepingCapacity: true)
        scalarValues.removeAll(keepingCapacity: true)
        tagTable.removeAll()
        tagIndex.removeAll()
        anchorTable.removeAll()
        anchors.removeAll()
        expanded.removeAll(keepingCapacity: true)
        heights.removeAll(keepingCapacity: true)
        complete.removeAll(keepingCapacity: true)
        expandedText.removeAll(keepingCapacity: true)
        aliasExpansion = 0
        aliasTextExpansion = 0
        aliasUses.removeAll()
        stack.removeAll()
        pending.removeAll(keepingCapacity: true)
        root = -1
        explicitStart = false
    }

    private mutating func addNode(
        kind: NodeKind, style: NodeStyle, start: Int, end: Int, first: Int32,
        tag: UnsafeMutablePointer<yaml_char_t>?, anchor: UnsafeMutablePointer<yaml_char_t>?
    ) -> Int32 {
        let id = Int32(nodes.count)
        var tagSlot: Int32 = -1
        if let tag {
            let text = Self.writtenTag(String(cString: tag))
            if let existing = tagIndex[text] {
                tagSlot = existing
            } else {
                tagSlot = Int32(tagTable.count)
                tagTable.append(text)
                tagIndex[text] = tagSlot
            }
        }
        var anchorSlot: Int32 = -1
        if let anchor {
            anchorSlot = Int32(anchorTable.count)
            anchorTable.append(String(cString: anchor))
        }
        let parent = stack.last?.node ?? -1
        nodes.append(
            Node(
                kind: kind, style: style, start: Int32(start), end: Int32(end), parent: parent,
                first: first, count: 0, tag: tagSlot, anchor: anchorSlot))
        if stack.isEmpty {
            root = id
        } else {
            pending.append(NodeID(Int(id)))
        }
        return id
    }

    /// The end of a literal or folded scalar without the line breaks and indentation libyaml's mark
    /// includes after the last content line.
    private func blockScalarEnd(start: Int, end: Int) -> Int {
        var end = end
        while end > start {
            let byte = source.bytes[end - 1]
            guard byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 else { break }
            end -= 1
        }
        return end
    }

    /// True when the next node completes a key/value pair of the innermost open collection, a flow mapping.
    private var isFlowMappingValuePosition: Bool {
        guard let open = stack.last else { return false }
        let node = nodes[Int(open.node)]
        return node.kind == .mapping && node.style == .flow && (pending.count - open.firstPending) % 2 == 1
    }

    /// The offset just past a `:` that precedes `offset` with only whitespace between, if there is one.
    private func colonEnd(before offset: Int) -> Int? {
        var index = offset
        while index > 0 {
            let byte = source.bytes[index - 1]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { break }
            index -= 1
        }
        return index > 0 && source.bytes[index - 1] == UInt8(ascii: ":") ? index : nil
    }

    /// Registers an anchor. YAML allows an anchor to be redefined; later aliases see the latest node.
    private mutating func registerAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, node: Int32) {
        if let anchor { anchors[String(cString: anchor)] = node }
    }

    /// The tag in its written short form: `!!str` for the YAML core tags, local tags as they are.
    static func writtenTag(_ tag: String) -> String {
        let core = "tag:yaml.org,2002:"
        if tag.hasPrefix(core) { return "!!" + tag.dropFirst(core.count) }
        return tag
    }

    private func duplicateKeyError(mapping index: Int) -> YAMLError? {
        let node = nodes[index]
        let first = Int(node.first)
        let count = Int(node.count)
        guard count >= 4 else { return nil }
        func keyText(_ position: Int) -> String? {
            let key = nodes[Int(childList[position].index)]
            return key.kind == .scalar ? scalarValues[Int(key.first)] : nil
        }
        func duplicate(at position: Int, of earlier: Int) -> YAMLError {
            let text = keyText(position) ?? ""
            let firstAt = source.position(forByteOffset: Int(nodes[Int(childList[earlier].index)].start))
            return YAMLError(
                kind: .duplicateKey, path: source.path,
                position: source.position(forByteOffset: Int(nodes[Int(childList[position].index)].start)),
                message: "duplicate key \"\(text)\" in a mapping (first defined at line \(firstAt.line), column \(firstAt.column))")
        }
        if count <= 32 {
            // Few keys: comparing each with the ones before it is cheaper than hashing them all.
            var position = first + 2
            while position < first + count {
                if let text = keyText(position) {
                    var earlier = first
                    while earlier < position {
                        if let other = keyText(earlier), other == text { return duplicate(at: position, of: earlier) }
                        earlier += 2
                    }
                }
                position += 2
            }
            return nil
        }
        var seen: [String: Int] = [:]
        var position = first
        while position < first + count {
            if let text = keyText(position) {
                if let earlier = seen[text] { return duplicate(at: position, of: earlier) }
                seen[text] = position
            }
            position += 2
        }
        return nil
    }

    private func libyamlError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown YAML error"
        switch parser.error {
        case YAML_READER_ERROR:
            var offset = min(Int(parser.problem_offset), source.bytes.count)
            if problem == "invalid trailing UTF-8 octet" {
                // libyaml points at the byte that fails to continue the sequence; point at the sequence.
                var lead = offset - 1
                while lead > 0, offset - lead < 4, source.bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                if lead >= 0, source.bytes[lead] >= 0xC0 { offset = lead }
            }
            var message = problem
            if parser.problem_value >= 0 {
                let value = String(Int(parser.problem_value), radix: 16, uppercase: true)
                message += " (byte or character #x\(value))"
            }
            return YAMLError(kind: .encoding, path: source.path, position: source.position(forByteOffset: offset), message: message)
        case YAML_MEMORY_ERROR:
            return YAMLError(
                kind: .io, path: source.path, position: SourcePosition(offset: 0, line: 1, column: 1),
                message: "libyaml ran out of memory")
        default:
            let offset = source.byteOffset(forScalarIndex: Int(parser.problem_mark.index))
            let context = parser.context.map { String(cString: $0) }
            let contextPosition =
                context == nil
                ? nil : source.position(forByteOffset: source.byteOffset(forScalarIndex: Int(parser.context_mark.index)))
            return YAMLError(
                kind: .syntax, path: source.path, position: source.position(forByteOffset: offset),
                message: problem, context: context, contextPosition: contextPosition)
        }
    }
}
