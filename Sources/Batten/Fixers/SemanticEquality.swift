import BattenYAML

extension YAMLValue {
    /// Equality as a YAML reader sees it: mapping keys in any order, layout ignored.
    func means(_ other: YAMLValue) -> Bool {
        guard tag == other.tag else { return false }
        switch (content, other.content) {
        case (.scalar, .scalar):
            return self == other
        case (.sequence(let left), .sequence(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.means($1) }
        case (.mapping(let left), .mapping(let right)):
            guard left.count == right.count else { return false }
            return left.allSatisfy { entry in
                right.contains { $0.key.means(entry.key) && $0.value.means(entry.value) }
            }
        default:
            return false
        }
    }
}
