import Foundation

/// Prints the measurements with throughput, the audit-to-floor ratio and the speed-up.
struct ResultTable {
    let files: Int
    let bytes: Int
    private(set) var rows: [Measurement] = []

    init(files: Int, bytes: Int) {
        self.files = files
        self.bytes = bytes
    }

    mutating func add(_ measurement: Measurement) {
        rows.append(measurement)
    }

    /// Prints the table; `processes` are `batten audit` runs in a process of their own, whose peak
    /// RSS is the one compared with `limit` (the in-process figures carry the benchmark's own heap).
    func print(limit: Int, processes: [ProcessPeak.Sample] = []) {
        Swift.print("phase                 jobs     time    files/s      MB/s   peak RSS")
        for row in rows {
            let rss = row.peakResident.map { String(format: "%6.1f MB", Double($0) / 1_000_000) } ?? "     n/a"
            Swift.print(String(
                format: "%-20@ %5d %7.3f s %10.0f %9.2f  %@%@", row.label, row.jobs, row.seconds,
                Double(files) / row.seconds, Double(bytes) / 1_000_000 / row.seconds, rss, row.peakIsPerPhase ? "" : " (process peak)"))
            for part in row.parts {
                Swift.print(String(format: "    %-36@ %7.3f s", part.name, part.seconds))
            }
        }
        Swift.print("")
        for jobs in Set(rows.map(\.jobs)).sorted() {
            guard let floor = row("(a)", jobs), let audit = row("(b)", jobs) else { continue }
            Swift.print(String(format: "ratio b/a with %d job%@: %.2f%@", jobs, jobs == 1 ? "" : "s", audit.seconds / floor.seconds,
                               jobs == 1 ? " (target <= 1.5)" : ""))
        }
        let parallel = rows.map(\.jobs).max() ?? 1
        if parallel > 1 {
            for phase in ["(a)", "(b)"] {
                guard let one = row(phase, 1), let many = row(phase, parallel) else { continue }
                Swift.print(String(format: "speed-up %@ on %d jobs: %.2fx%@", phase, parallel, one.seconds / many.seconds,
                                   phase == "(b)" ? " (target >= 1.7x on 2 cores)" : ""))
            }
            if let one = row("(b)", 1)?.parts.first, let many = row("(b)", parallel)?.parts.first {
                Swift.print(String(format: "speed-up of the analysis alone on %d jobs: %.2fx", parallel, one.seconds / many.seconds))
            }
        }
        for process in processes {
            Swift.print(String(
                format: "batten audit as its own process, %d job%@, report to /dev/null: %.3f s, peak RSS %.1f MB (exit %d)",
                process.jobs, process.jobs == 1 ? "" : "s", process.seconds, Double(process.peakResident) / 1_000_000, process.status))
        }
        let peaks = processes.isEmpty
            ? rows.filter { $0.label.hasPrefix("(b)") }.compactMap(\.peakResident)
            : processes.map(\.peakResident)
        if let peak = peaks.max() {
            Swift.print(String(
                format: "peak RSS of the audit%@: %.1f MB = %.2fx the input (%.1f MB); limit 3x input + 50 MB = %.1f MB",
                processes.isEmpty ? " (in process)" : " (own process)", Double(peak) / 1_000_000, Double(peak) / Double(bytes),
                Double(bytes) / 1_000_000, Double(limit) / 1_000_000))
        }
    }

    private func row(_ phase: String, _ jobs: Int) -> Measurement? {
        rows.first { $0.label.hasPrefix(phase) && $0.jobs == jobs }
    }
}
