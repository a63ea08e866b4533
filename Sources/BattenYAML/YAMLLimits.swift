/// Bounds that keep hostile input from exhausting time or memory. Every limit produces a located error.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes.
    public var maxFileSize: Int
    /// Deepest nesting of collections.
    public var maxDepth: Int
    /// Most nodes a document may have once every alias is expanded.
    public var maxExpandedNodes: Int
    /// Most nodes a document's aliases may stand for in all (each alias counts the nodes of what it
    /// refers to, expanded), whatever the size of the document.
    public var maxAliasExpansion: Int
    /// Most bytes of scalar text a document's aliases may stand for in all, whatever its size.
    public var maxAliasTextExpansion: Int
    /// Above those floors, how many nodes reached through aliases a document may have per node
    /// written in it, and how many bytes of text per byte of the document: the work the expansion
    /// causes stays within a multiple of the input's.
    public var aliasExpansionFactor: Int

    public init(
        maxFileSize: Int = 32 << 20, maxDepth: Int = 256, maxExpandedNodes: Int = 1_000_000,
        maxAliasExpansion: Int = 100_000, maxAliasTextExpansion: Int = 8 << 20, aliasExpansionFactor: Int = 10
    ) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
        self.maxAliasExpansion = maxAliasExpansion
        self.maxAliasTextExpansion = maxAliasTextExpansion
        self.aliasExpansionFactor = aliasExpansionFactor
    }

    /// How many nodes the aliases of a document of `nodes` nodes may stand for in all.
    public func aliasExpansionBudget(nodes: Int) -> Int {
        max(maxAliasExpansion, Self.saturatingProduct(aliasExpansionFactor, nodes))
    }

    /// How many bytes of scalar text the aliases of a document of `bytes` bytes may stand for in all.
    public func aliasTextBudget(bytes: Int) -> Int {
        max(maxAliasTextExpansion, Self.saturatingProduct(aliasExpansionFactor, bytes))
    }

    private static func saturatingProduct(_ left: Int, _ right: Int) -> Int {
        let (product, overflow) = left.multipliedReportingOverflow(by: right)
        return overflow ? Int.max : product
    }

    public static let `default` = YAMLLimits()
}
