import Foundation

/// Runs `body` for every index of `count` on `jobs` threads, each thread taking the next index as
/// soon as it is free, so that one large item does not hold the others back.
enum WorkQueue {
    static func run(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> Void) {
        if jobs <= 1 || count <= 1 {
            for index in 0..<count { body(index) }
            return
        }
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
            while true {
                let index = next.take()
                guard index < count else { return }
                body(index)
            }
        }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func take() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value - 1
        }
    }
}
