import BattenYAML
import Foundation

/// The lines libyaml's emitter gives a scalar, remembered: a fix of thousands of workloads writes the
/// same few scalars (`ALL`, `512M`, `true`) thousands of times, and each emit starts an emitter.
/// Bounded: it starts over when full.
final class ScalarLinesCache: @unchecked Sendable {
    static let shared = ScalarLinesCache()

    private let lock = NSLock()
    private var lines: [YAMLValue: [String]] = [:]
    private let capacity = 4_096

    /// The cached lines of `value`, or `make()`'s, remembered.
    func lines(of value: YAMLValue, _ make: () -> [String]) -> [String] {
        lock.lock()
        let known = lines[value]
        lock.unlock()
        if let known { return known }
        let made = make()
        lock.lock()
        if lines.count >= capacity { lines.removeAll(keepingCapacity: true) }
        lines[value] = made
        lock.unlock()
        return made
    }
}
