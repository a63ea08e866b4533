/// One YAML document of a stream: an immutable arena of nodes with their source ranges.
///
/// Aliases stay alias nodes pointing at their anchored node; use ``resolve(_:)`` to follow them and
/// ``entries(of:)`` to read a mapping with its `<<` merge keys applied.
public final class YAMLDocument: Sendable {
    public let source: SourceFile
    /// 0-based position of the document in its stream.
    public let index: Int
    /// The root node. libyaml gives an empty document (`---` alone) a null scalar, placed
    /// zero-width just past its `---`.
    public let root: NodeID?
    /// Byte range of the whole document, markers included.
    public let range: Range<Int>
    /// True when the document starts with an explicit `---`.
    public let hasExplicitStart: Bool

    let nodes: [Node]
    let childList: [NodeID]
    let scalarValues: [String]
    let tagTable: [String]
    let anchorTable: [String]

    init(
        source: SourceFile, index: Int, root: NodeID?, range: Range<Int>, hasExplicitStart: Bool,
        nodes: [Node], childList: [NodeID], scalarValues: [String], tagTable: [String], anchorTable: [String]
    ) {
        self.source = source
        self.index = index
        self.root = root
        self.range = range
        self.hasExplicitStart = hasExplicitStart
        self.nodes = nodes
        self.childList = childList
        self.scalarValues = scalarValues
        self.tagTable = tagTable
        self.anchorTable = anchorTable
    }

    /// Number of nodes in the arena (aliases count once).
    public var nodeCount: Int { nodes.count }

    /// All node ids in document order.
    public var allNodes: [NodeID] { (0..<nodes.count).map(NodeID.init) }

    @inlinable public func ref(_ id: NodeID) -> NodeRef { NodeRef(document: self, id: id) }

    public func node(_ id: NodeID) -> Node { nodes[Int(id.index)] }

    public func kind(_ id: NodeID) -> NodeKind { nodes[Int(id.index)].kind }

    public func style(_ id: NodeID) -> NodeStyle { nodes[Int(id.index)].style }

    /// The tag as written: `!reset`, `!override`, `!!str`; nil when the node has none.
    public func tag(_ id: NodeID) -> String? {
        let index = nodes[Int(id.index)].tag
        return index < 0 ? nil : tagTable[Int(index)]
    }

    public func anchor(_ id: NodeID) -> String? {
        let index = nodes[Int(id.index)].anchor
        return index < 0 ? nil : anchorTable[Int(index)]
    }

    public func parent(_ id: NodeID) -> NodeID? {
        let parent = nodes[Int(id.index)].parent
        return parent < 0 ? nil : NodeID(Int(parent))
    }

    /// Byte range of the node in the source bytes.
    public func range(_ id: NodeID) -> Range<Int> {
        let node = nodes[Int(id.index)]
        return Int(node.start)..<Int(node.end)
    }

    public func startPosition(_ id: NodeID) -> SourcePosition {
        source.position(forByteOffset: Int(nodes[Int(id.index)].start))
    }

    public func endPosition(_ id: NodeID) -> SourcePosition {
        source.position(forByteOffset: Int(nodes[Int(id.index)].end))
    }

    /// The value of a scalar node (nil for other kinds; aliases are not followed).
    public func scalar(_ id: NodeID) -> String? {
        let node = nodes[Int(id.index)]
        return node.kind == .scalar ? scalarValues[Int(node.first)] : nil
    }

    /// The children of a collection: items of a sequence, or key, value, key, value… of a mapping.
    public func children(_ id: NodeID) -> ArraySlice<NodeID> {
        let node = nodes[Int(id.index)]
        guard node.kind == .sequence || node.kind == .mapping else { return [] }
        let first = Int(node.first)
        return childList[first..<(first + Int(node.count))]
    }

    /// The key/value pairs of a mapping as written (no alias or merge-key resolution).
    public func pairs(_ id: NodeID) -> [(key: NodeID, value: NodeID)] {
        let list = children(id)
        var result: [(key: NodeID, value: NodeID)] = []
        result.reserveCapacity(list.count / 2)
        var index = list.startIndex
        while index + 1 < list.endIndex {
            result.append((list[index], list[index + 1]))
            index += 2
        }
        return result
    }

    /// Follows aliases until a non-alias node.
    public func resolve(_ id: NodeID) -> NodeID {
        var current = id
        var steps = 0
        while nodes[Int(current.index)].kind == .alias, steps < 64 {
            current = NodeID(Int(nodes[Int(current.index)].first))
            steps += 1
        }
        return current
    }

    /// The anchored node an alias points at (nil for other kinds).
    public func aliasTarget(_ id: NodeID) -> NodeID? {
        let node = nodes[Int(id.index)]
        return node.kind == .alias ? NodeID(Int(node.first)) : nil
    }

    /// True when a plain scalar with this text and no tag is the YAML 1.1 merge key `<<`.
    public func isMergeKey(_ id: NodeID) -> Bool {
        let node = nodes[Int(id.index)]
        guard node.kind == .scalar else { return false }
        if let tag = tag(id) { return tag == "!!merge" }
        return node.style == .plain && scalar(id, is: "<<")
    }

    /// True when `id` is a scalar whose text is `text`. The byte counts are compared first: most
    /// keys a lookup passes differ in length, and a count is stored where string equality of two
    /// long strings walks their bytes.
    public func scalar(_ id: NodeID, is text: String) -> Bool {
        let node = nodes[Int(id.index)]
        guard node.kind == .scalar else { return false }
        let value = scalarValues[Int(node.first)]
        return value.utf8.count == text.utf8.count && value == text
    }

    /// Number of aliases that point at `id`.
    public func aliasCount(to id: NodeID) -> Int {
        nodes.reduce(0) { $0 + ($1.kind == .alias && $1.first == id.index ? 1 : 0) }
    }
}

/// A node together with the document that holds it: what the rest of Batten passes around.
public struct NodeRef: Hashable, Sendable, CustomStringConvertible {
    public let document: YAMLDocument
    public let id: NodeID

    @inlinable public init(document: YAMLDocument, id: NodeID) {
        self.document = document
        self.id = id
    }

    public static func == (lhs: NodeRef, rhs: NodeRef) -> Bool {
        lhs.document === rhs.document && lhs.id == rhs.id
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(document))
        hasher.combine(id)
    }

    public var source: SourceFile { document.source }
    public var path: String { document.source.path }
    public var kind: NodeKind { document.kind(id) }
    public var range: Range<Int> { document.range(id) }
    public var start: SourcePosition { document.startPosition(id) }
    public var end: SourcePosition { document.endPosition(id) }
    public var scalar: String? { document.scalar(id) }
    public var tag: String? { document.tag(id) }
    public var resolved: NodeRef { NodeRef(document: document, id: document.resolve(id)) }
    public var parent: NodeRef? { document.parent(id).map { NodeRef(document: document, id: $0) } }

    public var description: String { "\(path):\(start)" }
}
