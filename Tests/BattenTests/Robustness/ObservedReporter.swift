@testable import Batten

/// A reporter that hands each part to `observe` before the reporter it wraps writes it.
struct ObservedReporter<Inner: Reporter>: Reporter {
    var inner: Inner
    let observe: (AnalysisPart) -> Void

    init(_ inner: Inner, observe: @escaping (AnalysisPart) -> Void) {
        self.inner = inner
        self.observe = observe
    }

    var quotesSource: Bool { inner.quotesSource }

    mutating func begin(_ context: Report, into output: inout ReportOutput) {
        inner.begin(context, into: &output)
    }

    mutating func write(_ findings: [Finding], of part: AnalysisPart, into output: inout ReportOutput) {
        observe(part)
        inner.write(findings, of: part, into: &output)
    }

    mutating func finish(_ report: Report, into output: inout ReportOutput) {
        inner.finish(report, into: &output)
    }
}
