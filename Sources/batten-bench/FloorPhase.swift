import BattenYAML
import Foundation

/// Measurement (a): read every file and drive libyaml's event parser over it, building nothing.
struct FloorPhase {
    /// Files largest first, so that the big file starts at once when several threads share the work.
    let files: [String]

    init(files: [String]) {
        let sizes = files.map { path in
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        }
        self.files = zip(files, sizes).sorted { $0.1 > $1.1 }.map(\.0)
    }

    /// Runs the phase on `jobs` threads; returns the number of events seen (to keep the work observable).
    func run(jobs: Int) -> Int {
        let counts = EventTally(count: files.count)
        WorkQueue.run(count: files.count, jobs: jobs) { index in
            let bytes = FileManager.default.contents(atPath: files[index]).map { [UInt8]($0) } ?? []
            counts.set(index, YAMLParser.countEvents(bytes) ?? 0)
        }
        return counts.total
    }

    private final class EventTally: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int]

        init(count: Int) { values = Array(repeating: 0, count: count) }

        func set(_ index: Int, _ value: Int) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }

        var total: Int { values.reduce(0, +) }
    }
}
