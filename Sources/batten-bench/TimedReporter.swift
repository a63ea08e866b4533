import Batten

/// A reporter that times the reporter it wraps: the seconds spent writing the report, so that the
/// audit measurement can say how much of its time the report alone takes.
struct TimedReporter<Inner: Reporter>: Reporter {
    private(set) var inner: Inner
    private(set) var seconds = 0.0

    init(_ inner: Inner) {
        self.inner = inner
    }

    var quotesSource: Bool { inner.quotesSource }

    mutating func begin(_ context: Report, into output: inout ReportOutput) {
        let start = Clock.now()
        inner.begin(context, into: &output)
        seconds += Clock.now() - start
    }

    mutating func write(_ findings: [Finding], of part: AnalysisPart, into output: inout ReportOutput) {
        let start = Clock.now()
        inner.write(findings, of: part, into: &output)
        seconds += Clock.now() - start
    }

    mutating func finish(_ report: Report, into output: inout ReportOutput) {
        let start = Clock.now()
        inner.finish(report, into: &output)
        seconds += Clock.now() - start
    }
}
