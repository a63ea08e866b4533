import Dispatch
import Foundation

/// Fork–join parallelism for the analyzer: a map whose result is in the order of its input,
/// whatever the number of threads and whichever finished first.
enum ParallelWork {
    /// `transform` applied to every item on up to `jobs` threads. Items are started in `priority`
    /// order (largest first lets one big item overlap with many small ones) and each thread takes
    /// the next item as soon as it is free.
    static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], jobs: Int, priority: [Int]? = nil, _ transform: @Sendable (Item) -> Output
    ) -> [Output] {
        if jobs <= 1 || items.count <= 1 { return items.map(transform) }
        let slots = Slots<Output>(count: items.count)
        let queue = IndexQueue(priority ?? Array(items.indices))
        DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
            while let index = queue.next() {
                slots.store(transform(items[index]), at: index)
            }
        }
        return slots.values()
    }

    /// Indices of `weights` from the heaviest to the lightest, ties in input order.
    static func heaviestFirst(_ weights: [Int]) -> [Int] {
        weights.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
    }

    /// The next index to work on, shared by the threads of one map.
    private final class IndexQueue: @unchecked Sendable {
        private let lock = NSLock()
        private let order: [Int]
        private var position = 0

        init(_ order: [Int]) {
            self.order = order
        }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard position < order.count else { return nil }
            position += 1
            return order[position - 1]
        }
    }

    /// One result slot per item; each slot is written once, by one thread, under the lock.
    private final class Slots<Output: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Output?]

        init(count: Int) {
            storage = Array(repeating: nil, count: count)
        }

        func store(_ value: Output, at index: Int) {
            lock.lock()
            storage[index] = value
            lock.unlock()
        }

        func values() -> [Output] {
            lock.lock()
            defer { lock.unlock() }
            return storage.compactMap { $0 }
        }
    }
}
