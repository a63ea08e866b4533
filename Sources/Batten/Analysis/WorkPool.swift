import Dispatch
import Foundation

/// Threads working through tasks that may add more tasks, each result under the task's key.
///
/// The analyzer's units of work are not all known at the start: a large Kubernetes file becomes
/// slices of documents only once it is parsed, and those slices should be shared by every thread
/// rather than worked through by the thread that parsed the file. Keys compare element by element
/// (`[3] < [3, 1] < [4]`), and the outcome never depends on the number of threads or on which task
/// finished first: ``run(jobs:)`` takes the heaviest tasks first and returns every result in key
/// order; ``run(jobs:emit:)`` takes tasks in key order and hands each result on as soon as every
/// task before it is done.
final class WorkPool<Output: Sendable>: @unchecked Sendable {
    /// A task's place in the result: `[unit]`, `[unit, slice]`.
    typealias Key = [Int]

    private struct Task {
        var key: Key
        var weight: Int
        var work: @Sendable (WorkPool<Output>) -> Output
    }

    private let condition = NSCondition()
    /// Waiting tasks; once running, kept in order with the next task to take last.
    private var queue: [Task] = []
    private var ordered = false
    private var running: [Key] = []
    /// Finished tasks' results; with `emit`, kept sorted by key and handed on from the front.
    private var results: [(key: Key, output: Output)] = []
    /// Set by ``run(jobs:emit:)``: results are handed on in key order instead of kept.
    private var emit: ((Output) -> Void)?
    /// True while one thread hands results on (one at a time, in order).
    private var emitting = false

    init() {}

    /// Adds a task; a task may add tasks while it runs.
    func add(key: Key, weight: Int, _ work: @escaping @Sendable (WorkPool<Output>) -> Output) {
        condition.lock()
        let task = Task(key: key, weight: weight, work: work)
        if ordered {
            queue.insert(task, at: insertionIndex(of: task))
        } else {
            queue.append(task)
        }
        condition.signal()
        condition.unlock()
    }

    /// Runs every task, those added on the way included, on up to `jobs` threads (1: all on the
    /// calling thread), heaviest first, and returns their results in key order.
    func run(jobs: Int) -> [(key: Key, output: Output)] {
        runAll(jobs: jobs)
        condition.lock()
        let finished = results
        results = []
        condition.unlock()
        return finished.sorted { Self.precedes($0.key, $1.key) }
    }

    /// Runs every task in key order and hands each result to `emit` as soon as no task with a
    /// smaller key waits or runs: results are not kept, and `emit` is called once at a time, in
    /// key order, on one of the threads.
    func run(jobs: Int, emit: @escaping (Output) -> Void) {
        condition.lock()
        self.emit = emit
        condition.unlock()
        runAll(jobs: jobs)
        handOn()
        condition.lock()
        self.emit = nil
        condition.unlock()
    }

    private func runAll(jobs: Int) {
        condition.lock()
        // Stable: among equal weights (or keys), the task added first is taken first.
        let indexed = queue.enumerated().sorted { lhs, rhs in
            takesBefore(lhs.element, rhs.element) || (!takesBefore(rhs.element, lhs.element) && lhs.offset < rhs.offset)
        }
        queue = indexed.reversed().map(\.element)
        ordered = true
        condition.unlock()
        if jobs <= 1 {
            work()
        } else {
            DispatchQueue.concurrentPerform(iterations: jobs) { _ in work() }
        }
    }

    /// One thread's loop: take the next waiting task and run it, until no task waits and none
    /// runs that could add one.
    private func work() {
        while true {
            condition.lock()
            while queue.isEmpty && !running.isEmpty { condition.wait() }
            guard let task = queue.popLast() else {
                condition.broadcast()
                condition.unlock()
                return
            }
            running.append(task.key)
            condition.unlock()

            let output = task.work(self)

            condition.lock()
            if emit == nil {
                results.append((task.key, output))
            } else {
                results.insert((task.key, output), at: resultIndex(of: task.key))
            }
            if let position = running.firstIndex(of: task.key) { running.remove(at: position) }
            condition.broadcast()
            let emits = emit != nil
            condition.unlock()
            if emits { handOn() }
        }
    }

    /// Hands on, in key order, every result no waiting or running task precedes. One thread does
    /// it at a time; a thread that finds another at it leaves its result to that one.
    private func handOn() {
        condition.lock()
        guard !emitting, let emit else {
            condition.unlock()
            return
        }
        emitting = true
        while let first = results.first, isReady(first.key) {
            let output = results.removeFirst().output
            condition.unlock()
            emit(output)
            condition.lock()
        }
        emitting = false
        condition.unlock()
    }

    /// True when no waiting or running task comes before `key`. (Waiting tasks are taken in key
    /// order here, so the next one to take is the smallest.)
    private func isReady(_ key: Key) -> Bool {
        if let next = queue.last, Self.precedes(next.key, key) { return false }
        return !running.contains { Self.precedes($0, key) }
    }

    /// Whether `lhs` is to be taken before `rhs`: the heavier first, or with `emit` the smaller key.
    private func takesBefore(_ lhs: Task, _ rhs: Task) -> Bool {
        emit == nil ? lhs.weight > rhs.weight : Self.precedes(lhs.key, rhs.key)
    }

    /// Where `task` goes in the ordered queue (next task last): after the tasks taken after it,
    /// before the others (those of the same rank were added earlier and go first).
    private func insertionIndex(of task: Task) -> Int {
        var low = 0
        var high = queue.count
        while low < high {
            let middle = (low + high) / 2
            if takesBefore(task, queue[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Where a result with `key` goes among the sorted results.
    private func resultIndex(of key: Key) -> Int {
        var low = 0
        var high = results.count
        while low < high {
            let middle = (low + high) / 2
            if Self.precedes(results[middle].key, key) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func precedes(_ lhs: Key, _ rhs: Key) -> Bool {
        for (left, right) in zip(lhs, rhs) where left != right { return left < right }
        return lhs.count < rhs.count
    }
}
