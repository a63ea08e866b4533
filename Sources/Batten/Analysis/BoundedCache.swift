import Foundation

/// Answers already computed, by key, shared by the copies of the value that holds it and by the
/// threads of a run. For pure functions that the rules ask again and again with the same input,
/// such as the profile of an image.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    /// Answers kept at most; the cache starts over when it is full.
    let capacity: Int

    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The kept answer for `key`, or `compute()`'s, kept.
    func value(_ key: Key, compute: () -> Value) -> Value {
        lock.lock()
        let known = values[key]
        lock.unlock()
        if let known { return known }
        let value = compute()
        lock.lock()
        if values.count >= capacity { values.removeAll(keepingCapacity: true) }
        values[key] = value
        lock.unlock()
        return value
    }
}
