import Batten

/// A report stream that times the report it wraps: the seconds spent writing findings and the
/// tail, so that the audit measurement can say how much of its time the report alone takes.
struct TimedReportStream<Inner: ReportStream>: ReportStream {
    private(set) var inner: Inner
    private(set) var seconds = 0.0

    init(_ inner: Inner) {
        self.inner = inner
    }

    var quotesSource: Bool { inner.quotesSource }

    mutating func write(_ findings: [Finding], of part: AnalysisPart) {
        let start = Clock.now()
        inner.write(findings, of: part)
        seconds += Clock.now() - start
    }

    mutating func finish(_ report: Report) {
        let start = Clock.now()
        inner.finish(report)
        seconds += Clock.now() - start
    }
}
