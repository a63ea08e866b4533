import BattenYAML

/// One round of fixes, taken from an analysis: the changes of each file, the text they apply to,
/// and what the re-audit compares (``PatchReaudit``: finding identities and the claimed findings
/// without their edits). It holds nothing of the analysis itself — no parsed document, no finding
/// with a fix that points into one — so that the analysis can go before the patches are made.
struct FixRound {
    /// The files to patch, in the order of their first change.
    var files: [String] = []
    /// The changes of each file, in the order of the findings.
    var changes: [String: [PlacedChange]] = [:]
    /// The text of each file to patch.
    var sources: [String: SourceFile] = [:]
    /// The changes that could not be placed, and the files whose text is not available.
    var refusals: [FixRefusal] = []
    /// Judges the patched files by a re-audit.
    var judge: PatchReaudit

    /// The round `selection` chooses from `result`.
    init(_ result: AnalysisResult, selection: FixSelection) {
        var claims: [String: [Finding]] = [:]
        var seen = Set<String>()
        for finding in result.findings where selection.admits(finding) {
            for change in finding.fix?.changes ?? [] {
                guard let placement = FileFixer.place(change) else {
                    refusals.append(FixRefusal(path: change.target.path, reason: "cannot locate the node to edit for \(finding.ruleID)"))
                    continue
                }
                let placed = placement.placed
                let key = "\(placement.file)\u{1}\(placed.mapping.documentIndex)\u{1}\(placed.mapping)\u{1}\(placed.path)\u{1}\(placed.operation)"
                guard seen.insert(key).inserted else { continue }
                if changes[placement.file] == nil {
                    files.append(placement.file)
                    sources[placement.file] = result.loaded.sources[placement.file] ?? Self.source(of: change, in: placement.file)
                }
                changes[placement.file, default: []].append(placed)
                claims[placement.file, default: []].append(finding)
            }
        }
        judge = PatchReaudit(original: result, claims: claims)
    }

    /// The text of the file a change edits, from the nodes it names.
    private static func source(of change: Change, in file: String) -> SourceFile? {
        if let existing = change.existing, existing.path == file { return existing.source }
        return change.target.source
    }
}
