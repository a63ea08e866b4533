/// The best of several timed runs of one phase, with the peak RSS seen while it ran.
struct Measurement {
    var label: String
    var jobs: Int
    var seconds: Double
    /// Peak RSS in bytes during the phase (nil when the kernel does not report it).
    var peakResident: Int?
    /// True when the peak was reset before the phase; otherwise it is the process's peak so far.
    var peakIsPerPhase: Bool
    /// Named parts of the fastest run, in seconds (empty when the phase does not time its parts).
    var parts: [(name: String, seconds: Double)]

    /// Runs `body` `runs` times; `body` returns the named parts of its time, if it measures them.
    static func best(
        of runs: Int, label: String, jobs: Int, _ body: () -> [(name: String, seconds: Double)]
    ) -> Measurement {
        var fastest = Double.infinity
        var fastestParts: [(name: String, seconds: Double)] = []
        var peak: Int?
        var perPhase = true
        for _ in 0..<max(1, runs) {
            perPhase = Memory.resetPeak() && perPhase
            let start = Clock.now()
            let parts = body()
            let elapsed = Clock.now() - start
            if elapsed < fastest {
                fastest = elapsed
                fastestParts = parts
            }
            if let value = Memory.peakResident() { peak = max(peak ?? 0, value) }
        }
        return Measurement(
            label: label, jobs: jobs, seconds: fastest, peakResident: peak, peakIsPerPhase: perPhase, parts: fastestParts)
    }
}
