/// What a baseline matched in a run.
public struct BaselineOutcome: Sendable {
    /// The baseline file as given on the command line.
    public var path: String
    /// Entries in the file.
    public var recorded: Int
    /// Findings the baseline suppressed.
    public var matched: Int
    /// Entries that match no finding any more: fixed since the baseline was written.
    public var fixed: [BaselineEntry]

    public init(path: String, recorded: Int, matched: Int, fixed: [BaselineEntry]) {
        self.path = path
        self.recorded = recorded
        self.matched = matched
        self.fixed = fixed
    }
}

extension Baseline {
    /// `result` with the findings recorded in the baseline marked as suppressed (source
    /// `baseline`), and what the baseline matched. Findings another suppression already covers
    /// keep it.
    public func apply(to result: AnalysisResult, path: String) -> (AnalysisResult, BaselineOutcome) {
        var matcher = BaselineMatcher(self, path: path)
        var updated = result
        matcher.apply(to: &updated.findings)
        return (updated, matcher.outcome)
    }
}

/// ``Baseline/apply(to:path:)`` a part of the findings at a time, for findings that go by as the
/// analysis runs.
public struct BaselineMatcher: Sendable {
    private let baseline: Baseline
    private let path: String
    private let recorded: Set<String>
    private var seen = Set<String>()
    private var matched = 0

    public init(_ baseline: Baseline, path: String) {
        self.baseline = baseline
        self.path = path
        self.recorded = baseline.fingerprints
    }

    /// Marks the findings the baseline records as suppressed (source `baseline`), unless another
    /// suppression covers them already.
    public mutating func apply(to findings: inout [Finding]) {
        guard !recorded.isEmpty else { return }
        for index in findings.indices {
            let fingerprint = FindingFingerprint.of(findings[index])
            guard recorded.contains(fingerprint) else { continue }
            seen.insert(fingerprint)
            guard findings[index].suppression == nil else { continue }
            findings[index].suppression = Suppression(source: .baseline, reason: "recorded in the baseline \(path)")
            matched += 1
        }
    }

    /// What the baseline matched in the findings so far; its `fixed` entries are those no finding matched.
    public var outcome: BaselineOutcome {
        var fixedSeen = Set<String>()
        let fixed = baseline.entries.filter { !seen.contains($0.fingerprint) && fixedSeen.insert($0.fingerprint).inserted }
            .sorted(by: BaselineEntry.fileOrder)
        return BaselineOutcome(path: path, recorded: recorded.count, matched: matched, fixed: fixed)
    }
}
