import BattenYAML
import Foundation

/// Measurements (a) and (a′): read every file and parse it, to libyaml's events only (the floor,
/// building nothing) or on to Batten's document trees (what every later step of an audit reads),
/// so that the table shows how much of the audit's time the parse into trees alone takes.
struct ParsePhase {
    enum Depth {
        /// libyaml's event parser, every event read and dropped.
        case events
        /// Batten's parser: the line table, then every document built and dropped.
        case documents
    }

    /// Files largest first, so that the big file starts at once when several threads share the work.
    let files: [String]
    let depth: Depth

    init(files: [String], depth: Depth) {
        let sizes = files.map { path in
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        }
        self.files = zip(files, sizes).sorted { $0.1 > $1.1 }.map(\.0)
        self.depth = depth
    }

    /// Runs the phase on `jobs` threads; returns the number of events, resp. documents, seen (to
    /// keep the work observable).
    func run(jobs: Int) -> Int {
        let counts = Tally(count: files.count)
        WorkQueue.run(count: files.count, jobs: jobs) { [files, depth] index in
            let bytes = FileManager.default.contents(atPath: files[index]).map { [UInt8]($0) } ?? []
            switch depth {
            case .events:
                counts.set(index, YAMLParser.countEvents(bytes) ?? 0)
            case .documents:
                var documents = 0
                YAMLParser.forEachDocument(SourceFile(path: files[index], bytes: bytes)) { _ in documents += 1 }
                counts.set(index, documents)
            }
        }
        return counts.total
    }

    private final class Tally: @unchecked Sendable {
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
