import BattenYAML

/// Which fixes `batten fix` applies.
public struct FixSelection: Sendable {
    /// Also apply fixes that may change what the application does.
    public var includeReview: Bool
    /// Only fixes of these rules (all rules when nil).
    public var rules: Set<String>?

    public init(includeReview: Bool = false, rules: Set<String>? = nil) {
        self.includeReview = includeReview
        self.rules = rules
    }

    func admits(_ finding: Finding) -> Bool {
        guard let fix = finding.fix, !finding.isSuppressed, !fix.changes.isEmpty else { return false }
        if fix.safety == .review && !includeReview { return false }
        if let rules, !rules.contains(finding.ruleID) { return false }
        return true
    }
}

/// What a fix run produced: the verified new text of each file, the files refused and why, and the
/// findings the patches remove.
public struct FixOutcome: Sendable {
    public var patches: [FilePatch]
    public var refusals: [FixRefusal]
    public var fixed: [Finding]

    /// Patches that change their file.
    public var changedPatches: [FilePatch] { patches.filter { !$0.isUnchanged } }
}

/// Turns findings' fixes into verified file patches. Every patch is verified twice: the fixer
/// checks that the file means the old file plus exactly the intended changes, and a re-audit of
/// the patched input must show the fixed findings gone and no new ones. A file that fails either
/// check is refused and left as it was.
public struct FixSession: Sendable {
    public var selection: FixSelection
    public var limits: YAMLLimits

    public init(selection: FixSelection, limits: YAMLLimits = .default) {
        self.selection = selection
        self.limits = limits
    }

    /// `reaudit` analyses the input again with the given files' bytes replaced.
    public func run(_ result: AnalysisResult, reaudit: ([String: [UInt8]]) -> AnalysisResult) -> FixOutcome {
        let chosen = result.findings.filter(selection.admits)
        var byFile: [String: [(finding: Finding, change: PlacedChange)]] = [:]
        var fileOrder: [String] = []
        var seen = Set<String>()
        var refusals: [FixRefusal] = []
        for finding in chosen {
            for change in finding.fix?.changes ?? [] {
                guard let placement = FileFixer.place(change) else {
                    refusals.append(FixRefusal(path: change.target.path, reason: "cannot locate the node to edit for \(finding.ruleID)"))
                    continue
                }
                let key = "\(placement.file)\u{1}\(placement.placed.mapping)\u{1}\(placement.placed.path)\u{1}\(placement.placed.operation)"
                guard seen.insert(key).inserted else { continue }
                if byFile[placement.file] == nil { fileOrder.append(placement.file) }
                byFile[placement.file, default: []].append((finding, placement.placed))
            }
        }
        var patches: [String: FilePatch] = [:]
        for file in fileOrder {
            guard let source = result.loaded.sources[file] ?? sourceOfChange(byFile[file]) else {
                refusals.append(FixRefusal(path: file, reason: "the file's text is not available"))
                continue
            }
            switch FileFixer(source: source, limits: limits).apply(byFile[file, default: []].map(\.change)) {
            case .success(let patch): patches[file] = patch
            case .failure(let refusal): refusals.append(refusal)
            }
        }
        // Re-audit until every kept patch passes: drop files whose patch does not remove its
        // findings, or brings new ones.
        var fixed: [Finding] = []
        while true {
            let changed = patches.filter { !$0.value.isUnchanged }
            if changed.isEmpty { break }
            let after = reaudit(changed.mapValues(\.patched))
            let before = Set(result.activeFindings.map(Self.key))
            let remaining = Set(after.activeFindings.map(Self.key))
            let newFindings = after.activeFindings.filter { !before.contains(Self.key($0)) }
            var failing: [String: String] = [:]
            if after.loaded.hasErrors && !result.loaded.hasErrors {
                let error = after.diagnostics.first { $0.level == .error }
                for file in changed.keys { failing[file] = "the patched input no longer loads: \(error?.description ?? "?")" }
            }
            for finding in newFindings {
                let files = changed.keys.filter { file in finding.location.path == file }
                for file in files.isEmpty ? Array(changed.keys) : files {
                    failing[file] = "the patched file has a new finding: \(finding.ruleID) \(finding.message)"
                }
            }
            for (file, entries) in byFile where changed[file] != nil {
                for entry in entries where remaining.contains(Self.key(entry.finding)) {
                    failing[file] = failing[file] ?? "\(entry.finding.ruleID) is still reported after the fix: \(entry.finding.message)"
                }
            }
            if failing.isEmpty {
                var fixedKeys = Set<String>()
                for (file, entries) in byFile where changed[file] != nil {
                    for entry in entries where fixedKeys.insert(Self.key(entry.finding)).inserted {
                        fixed.append(entry.finding)
                    }
                }
                break
            }
            for (file, reason) in failing.sorted(by: { $0.key < $1.key }) {
                patches[file] = nil
                refusals.append(FixRefusal(path: file, reason: reason))
            }
        }
        let ordered = fileOrder.compactMap { patches[$0] }
        return FixOutcome(patches: ordered, refusals: refusals, fixed: fixed.sorted(by: Finding.reportOrder))
    }

    private func sourceOfChange(_ entries: [(finding: Finding, change: PlacedChange)]?) -> SourceFile? {
        guard let change = entries?.first?.change.change else { return nil }
        if let existing = change.existing, FileFixer.place(change)?.file == existing.path { return existing.source }
        return change.target.source
    }

    /// A finding's identity across edits: rule, workload, and the setting it is about.
    static func key(_ finding: Finding) -> String {
        "\(finding.ruleID)\u{1}\(finding.workloadID)\u{1}\(finding.target.container ?? "")\u{1}\(finding.setting)"
    }
}
