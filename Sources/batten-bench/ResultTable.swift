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
            Swift.print(
                String(
                    format: "%-20@ %5d %7.3f s %10.0f %9.2f  %@%@", row.label, row.jobs, row.seconds,
                    Double(files) / row.seconds, Double(bytes) / 1_000_000 / row.seconds, rss, row.peakIsPerPhase ? "" : " (process peak)"))
            for part in row.parts {
                Swift.print(String(format: "    %-36@ %7.3f s", part.name, part.seconds))
            }
        }
        Swift.print("")
        for jobs in Set(rows.map(\.jobs)).sorted() {
            guard let floor = row("(a)", jobs), let audit = row("(b)", jobs) else { continue }
            Swift.print(
                String(
                    format: "ratio b/a with %d job%@: %.2f%@", jobs, jobs == 1 ? "" : "s", audit.seconds / floor.seconds,
                    jobs == 1 ? " (target <= 1.5)" : ""))
        }
        if let floor = row("(a)", 1), let audit = row("(b)", 1) {
            // What two parts of the audit cost on their own, in units of the floor: the floor plus
            // either part alone is what the audit could take if everything else cost nothing.
            if let trees = row("(a')", 1) {
                Swift.print(
                    String(
                        format: "parse into document trees: %.2fx the floor (%.0f%% of the audit's time on 1 job)",
                        trees.seconds / floor.seconds, 100 * trees.seconds / audit.seconds))
            }
            if let report = audit.parts.first {
                Swift.print(
                    String(
                        format: "floor + writing the report alone: %.2fx the floor (the report: %.0f%% of the audit's time on 1 job)",
                        (floor.seconds + report.seconds) / floor.seconds, 100 * report.seconds / audit.seconds))
            }
        }
        let parallel = rows.map(\.jobs).max() ?? 1
        if parallel > 1 {
            for phase in ["(a)", "(b)"] {
                guard let one = row(phase, 1), let many = row(phase, parallel) else { continue }
                Swift.print(
                    String(
                        format: "speed-up %@ on %d jobs: %.2fx%@", phase, parallel, one.seconds / many.seconds,
                        phase == "(b)" ? " (target >= 1.7x on 2 cores)" : ""))
            }
        }
        for process in processes {
            Swift.print(
                String(
                    format: "batten audit as its own process, %d job%@, report to /dev/null: %.3f s, peak RSS %.1f MB (exit %d)",
                    process.jobs, process.jobs == 1 ? "" : "s", process.seconds, Double(process.peakResident) / 1_000_000, process.status))
        }
        let peaks =
            processes.isEmpty
            ? rows.filter { $0.label.hasPrefix("(b)") }.compactMap(\.peakResident)
            : processes.map(\.peakResident)
        if let peak = peaks.max() {
            Swift.print(
                String(
                    format: "peak RSS of the audit%@: %.1f MB = %.2fx the input (%.1f MB); limit 3x input + 50 MB = %.1f MB",
                    processes.isEmpty ? " (in process)" : " (own process)", Double(peak) / 1_000_000, Double(peak) / Double(bytes),
                    Double(bytes) / 1_000_000, Double(limit) / 1_000_000))
        }
    }

    private func row(_ phase: String, _ jobs: Int) -> Measurement? {
        rows.first { $0.label.hasPrefix(phase) && $0.jobs == jobs }
    }
}
