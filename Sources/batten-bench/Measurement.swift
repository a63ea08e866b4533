/// The best of several timed runs of one phase, with the peak RSS seen while it ran.
struct Measurement {
    var label: String
    var jobs: Int
    var seconds: Double
    /// Peak RSS in bytes during the phase (nil when the kernel does not report it).
    var peakResident: Int?
    /// True when the peak was reset before the phase; otherwise it is the process's peak so far.
    var peakIsPerPhase: Bool

    static func best(of runs: Int, label: String, jobs: Int, _ body: () -> Void) -> Measurement {
        var fastest = Double.infinity
        var peak: Int?
        var perPhase = true
        for _ in 0..<max(1, runs) {
            perPhase = Memory.resetPeak() && perPhase
            let start = Clock.now()
            body()
            fastest = min(fastest, Clock.now() - start)
            if let value = Memory.peakResident() { peak = max(peak ?? 0, value) }
        }
        return Measurement(label: label, jobs: jobs, seconds: fastest, peakResident: peak, peakIsPerPhase: perPhase)
    }
}
