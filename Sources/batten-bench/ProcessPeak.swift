import Foundation

/// Peak RSS and wall time of `batten audit` run as its own process on the corpus, its report
/// written to `/dev/null`: what a pipeline's runner sees, without the benchmark's own heap (the
/// corpus generator's and earlier runs' memory stay in the benchmark's process).
///
/// The peak is the child's `VmHWM`, read from `/proc/PID/status` every 2 ms while it runs: the
/// `ru_maxrss` that `wait4` reports would not do, since a spawned child's count starts from its
/// parent's peak.
enum ProcessPeak {
    struct Sample {
        var jobs: Int
        var seconds: Double
        /// The child's largest `VmHWM` seen, in bytes.
        var peakResident: Int
        var status: Int32
    }

    static func measure(binary: String, root: String, format: String, jobs: Int) throws -> Sample {
        let arguments = [binary, "audit", "--policy", "production", "--format", format, "--jobs", String(jobs), root]
        let start = Clock.now()
        let pid = try ChildProcess.start(arguments)
        var status: Int32 = 0
        var peak = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { throw BenchError("lost track of \(binary)") }
            if let hiwater = highWaterMark(of: pid) { peak = max(peak, hiwater) }
            usleep(2_000)
        }
        let seconds = Clock.now() - start
        return Sample(jobs: jobs, seconds: seconds, peakResident: peak, status: (status >> 8) & 0xFF)
    }

    /// `VmHWM` of process `pid` in bytes, nil when it cannot be read (the process has exited).
    private static func highWaterMark(of pid: pid_t) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }
}
