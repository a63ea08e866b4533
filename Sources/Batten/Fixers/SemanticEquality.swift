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
            // The entry at the same place is tried first: the keys of an edited mapping keep their
            // order, so a mapping of thousands of entries is compared in one walk, not one per entry.
            return left.indices.allSatisfy { index in
                let entry = left[index]
                let same = right[index]
                if same.key.means(entry.key) && same.value.means(entry.value) { return true }
                return right.contains { $0.key.means(entry.key) && $0.value.means(entry.value) }
            }
        default:
            return false
        }
    }
}
