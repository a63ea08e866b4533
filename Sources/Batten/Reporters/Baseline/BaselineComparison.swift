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
        let recorded = fingerprints
        var seen = Set<String>()
        var matched = 0
        var updated = result
        for index in updated.findings.indices {
            let fingerprint = FindingFingerprint.of(updated.findings[index])
            guard recorded.contains(fingerprint) else { continue }
            seen.insert(fingerprint)
            guard updated.findings[index].suppression == nil else { continue }
            updated.findings[index].suppression = Suppression(source: .baseline, reason: "recorded in the baseline \(path)")
            matched += 1
        }
        var fixedSeen = Set<String>()
        let fixed = entries.filter { !seen.contains($0.fingerprint) && fixedSeen.insert($0.fingerprint).inserted }
            .sorted(by: BaselineEntry.fileOrder)
        return (updated, BaselineOutcome(path: path, recorded: recorded.count, matched: matched, fixed: fixed))
    }
}
