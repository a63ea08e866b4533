/// The index of a node in its document's arena.
public struct NodeID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let index: Int32

    @inlinable public init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.index < rhs.index }

    public var description: String { "#\(index)" }
}

public enum NodeKind: UInt8, Sendable {
    case scalar
    case sequence
    case mapping
    case alias
}

/// How a node was written.
public enum NodeStyle: UInt8, Sendable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
    case flow
    case block

    public var isQuoted: Bool { self == .singleQuoted || self == .doubleQuoted }
    public var isBlockScalar: Bool { self == .literal || self == .folded }
}

/// One node of a document's arena. 36 bytes; strings live in side tables of the document.
public struct Node: Sendable {
    public let kind: NodeKind
    public let style: NodeStyle
    /// Byte offset where the node starts (its anchor or tag, if any, included).
    public let start: Int32
    /// Byte offset just past the node. For block collections this is the end of the last child.
    public internal(set) var end: Int32
    /// The parent collection, or -1 for the document root.
    public let parent: Int32
    /// Collections: first index into the document's child list; aliases: the target node; scalars: index of the value.
    public internal(set) var first: Int32
    /// Collections: number of children (a mapping has two per entry).
    public internal(set) var count: Int32
    /// Index into the document's tag table, or -1.
    public let tag: Int32
    /// Index into the document's anchor table, or -1.
    public let anchor: Int32
}
