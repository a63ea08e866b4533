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
    /// Above ``maxAliasExpansion``, how many nodes reached through aliases a document may have per
    /// node written in it: the work the expansion causes stays within a multiple of the input's.
    public var maxAliasExpansionPerNode: Int

    public init(
        maxFileSize: Int = 32 << 20, maxDepth: Int = 256, maxExpandedNodes: Int = 1_000_000,
        maxAliasExpansion: Int = 100_000, maxAliasExpansionPerNode: Int = 10
    ) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
        self.maxAliasExpansion = maxAliasExpansion
        self.maxAliasExpansionPerNode = maxAliasExpansionPerNode
    }

    /// How many nodes the aliases of a document of `nodes` nodes may stand for in all.
    public func aliasExpansionBudget(nodes: Int) -> Int {
        let (perNode, overflow) = maxAliasExpansionPerNode.multipliedReportingOverflow(by: nodes)
        return overflow ? Int.max : max(maxAliasExpansion, perNode)
    }

    public static let `default` = YAMLLimits()
}
