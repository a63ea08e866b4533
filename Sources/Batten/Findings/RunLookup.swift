/// A lookup that remembers its last answer. Findings come in runs — of one file, one rule, one
/// workload — so most lookups ask again for the key just asked for, and a comparison answers them
/// instead of a hash.
struct RunLookup<Key: Equatable, Value> {
    private var last: (key: Key, value: Value)?

    init() {}

    /// The value for `key`: the last one when `key` is the last key, else `lookup(key)`.
    mutating func value(for key: Key, _ lookup: (Key) -> Value) -> Value {
        if let last, last.key == key { return last.value }
        let value = lookup(key)
        last = (key, value)
        return value
    }
}
