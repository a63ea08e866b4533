/// Bounds that keep hostile input from exhausting time or memory. Every limit produces a located error.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes.
    public var maxFileSize: Int
    /// Deepest nesting of collections.
    public var maxDepth: Int
    /// Most nodes a document may have once every alias is expanded.
    public var maxExpandedNodes: Int

    public init(maxFileSize: Int = 32 << 20, maxDepth: Int = 256, maxExpandedNodes: Int = 1_000_000) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }

    public static let `default` = YAMLLimits()
}
