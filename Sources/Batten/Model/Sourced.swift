import BattenYAML

/// A value of the model together with the YAML node that decided it.
///
/// For Compose, the node is in the file that set the value after merging, `extends` and `include`;
/// for Kubernetes, an inherited container setting points at the pod-level node it came from.
public struct Sourced<Value: Sendable>: Sendable {
    public var value: Value
    public var node: NodeRef

    public init(_ value: Value, _ node: NodeRef) {
        self.value = value
        self.node = node
    }

    public func map<T: Sendable>(_ transform: (Value) -> T) -> Sourced<T> { Sourced<T>(transform(value), node) }
}

extension Sourced: Equatable where Value: Equatable {}
extension Sourced: Hashable where Value: Hashable {}
