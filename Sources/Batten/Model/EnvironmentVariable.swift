import BattenYAML

/// One environment variable of a container.
public struct EnvironmentVariable: Sendable {
    public var name: String
    /// The value after interpolation; nil when the variable has no value here (Compose `- NAME` or
    /// `NAME:` passes it through from the shell; Kubernetes `valueFrom`).
    public var value: String?
    /// The value exactly as written in the file, before interpolation.
    public var rawValue: String?
    /// True when the written value contains a `${…}` or `$NAME` interpolation (Compose).
    public var isInterpolated: Bool
    /// Kubernetes `valueFrom` (secretKeyRef, configMapKeyRef, fieldRef, resourceFieldRef).
    public var valueFrom: String?
    /// The entry (list item, or the key of a map entry).
    public var node: NodeRef
    /// The value node, when there is one.
    public var valueNode: NodeRef?

    public init(
        name: String, value: String?, rawValue: String?, isInterpolated: Bool = false, valueFrom: String? = nil,
        node: NodeRef, valueNode: NodeRef? = nil
    ) {
        self.name = name
        self.value = value
        self.rawValue = rawValue
        self.isInterpolated = isInterpolated
        self.valueFrom = valueFrom
        self.node = node
        self.valueNode = valueNode
    }

    /// True when the value is written in the manifest (not interpolated, not from a reference).
    public var isLiteral: Bool { value != nil && !isInterpolated && valueFrom == nil }
}
