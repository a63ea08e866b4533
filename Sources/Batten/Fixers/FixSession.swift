import BattenYAML

/// Which fixes `batten fix` applies.
public struct FixSelection: Sendable {
    /// The most a chosen fix may do: `safe` fixes only, `known` ones too (`--include review`, and
    /// overrides by default), or `decision`s as well (`--include decisions`).
    public var upTo: FixKind
    /// Only fixes of these rules (all rules when nil).
    public var rules: Set<String>?

    public init(upTo: FixKind = .safe, rules: Set<String>? = nil) {
        self.upTo = upTo
        self.rules = rules
    }

    /// True for a finding whose fix is a decision this selection leaves to a person: it is listed
    /// with its snippet instead of applied.
    public func leavesToDecide(_ finding: Finding) -> Bool {
        guard let fix = finding.fix, !finding.isSuppressed, !fix.changes.isEmpty, fix.kind == .decision else { return false }
        if let rules, !rules.contains(finding.ruleID) { return false }
        return fix.kind > upTo
    }

    func admits(_ finding: Finding) -> Bool {
        guard let fix = finding.fix, !finding.isSuppressed, !fix.changes.isEmpty else { return false }
        if fix.kind > upTo { return false }
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
    /// The changes the kept patches applied.
    var appliedChanges: [PlacedChange] = []
    /// The next round, taken from the re-audit that accepted every patch of the run when nothing was
    /// refused: that re-audit is the analysis of the input with all patches in place, which the
    /// next round starts from. Only what the round needs is kept of it (``FixRound``).
    var nextRound: FixRound?

    /// Patches that change their file.
    public var changedPatches: [FilePatch] { patches.filter { !$0.isUnchanged } }
}

/// Turns findings' fixes into verified file patches. Every patch is verified twice: the fixer
/// checks that the file means the old file plus exactly the intended changes, and a re-audit of
/// the patched input must show the fixed findings gone (or left as weaker findings with no fix,
/// ``FixedFindings``) and no new ones (``PatchReaudit``). A file that fails either check is refused
/// and left as it was; a file is judged on its own, so one file's refusal never refuses another.
public struct FixSession: Sendable {
    public var selection: FixSelection
    public var limits: YAMLLimits

    public init(selection: FixSelection, limits: YAMLLimits = .default) {
        self.selection = selection
        self.limits = limits
    }

    /// Fixes in rounds until nothing more can be fixed (at most `maxRounds`): a fix can make another
    /// possible (`allowPrivilegeEscalation: false` is only proposed once `privileged` is off), and
    /// fixing a fixed file must change nothing. Each round is verified like ``run(_:reaudit:)``.
    ///
    /// Memory follows one analysis of the input, not one per round: each round keeps only what it
    /// needs of the analysis it starts from (``FixRound``), which goes before the round's re-audit
    /// is made. A caller that passes its last use of `result` (`consume result`) lets the first one go too.
    public func runUntilStable(
        _ result: consuming AnalysisResult, maxRounds: Int = 4,
        reaudit: (_ overlay: [String: [UInt8]], _ environment: [String: String]) -> AnalysisResult
    ) -> FixOutcome {
        var overlay: [String: [UInt8]] = [:]
        var environment: [String: String] = [:]
        var originals: [String: [UInt8]] = [:]
        var order: [String] = []
        var fixed: [Finding] = []
        var refusals: [FixRefusal] = []
        // The analysis goes into the first round, which keeps only what it needs of it.
        var round: FixRound? = FixRound(result, selection: selection)
        for _ in 0..<maxRounds {
            guard let current = round.take() else { break }
            let outcome = run(current) { roundOverlay, variables in
                reaudit(overlay.merging(roundOverlay) { _, new in new }, environment.merging(variables) { old, _ in old })
            }
            refusals += outcome.refusals
            fixed += outcome.fixed
            let changed = outcome.changedPatches
            if changed.isEmpty { break }
            for patch in changed {
                if originals[patch.path] == nil {
                    originals[patch.path] = patch.original
                    order.append(patch.path)
                }
                overlay[patch.path] = patch.patched
            }
            environment.merge(Self.requiredVariables(in: outcome.appliedChanges)) { old, _ in old }
            round = outcome.nextRound ?? FixRound(reaudit(overlay, environment), selection: selection)
        }
        let patches = order.compactMap { path -> FilePatch? in
            guard let original = originals[path], let patched = overlay[path] else { return nil }
            return FilePatch(path: path, original: original, patched: patched)
        }
        var seen = Set<FixRefusal>()
        refusals = refusals.filter { seen.insert($0).inserted }
        return FixOutcome(patches: patches, refusals: refusals, fixed: fixed.sorted(by: Finding.reportOrder), appliedChanges: [])
    }

    /// `reaudit` analyses the input again with the given files' bytes replaced and the given variables
    /// added to the environment: a fix that turns a plaintext secret into a required `${NAME:?…}`
    /// reference makes the project refuse to load without NAME, which is the point, so the re-audit
    /// sets such variables to a placeholder.
    public func run(
        _ result: AnalysisResult, reaudit: (_ overlay: [String: [UInt8]], _ environment: [String: String]) -> AnalysisResult
    ) -> FixOutcome {
        run(FixRound(result, selection: selection), reaudit: reaudit)
    }

    /// Makes, verifies and re-audits the patches of one round. Each re-audit's analysis goes as soon
    /// as it is judged; the one that accepts every patch is kept only as the next round.
    func run(
        _ round: consuming FixRound, reaudit: (_ overlay: [String: [UInt8]], _ environment: [String: String]) -> AnalysisResult
    ) -> FixOutcome {
        let fileOrder = round.files
        let byFile = round.changes
        let judge = round.judge
        var refusals = round.refusals
        var patches: [String: FilePatch] = [:]
        for file in fileOrder {
            guard let source = round.sources[file] else {
                refusals.append(FixRefusal(path: file, reason: "the file's text is not available"))
                continue
            }
            switch FileFixer(source: source, limits: limits).apply(byFile[file, default: []]) {
            case .success(let patch): patches[file] = patch
            case .failure(let refusal): refusals.append(refusal)
            }
        }
        _ = consume round
        // Re-audit the patched files together; when that fails, judge each file on its own, so that
        // one file's refusal never refuses another.
        let candidates = fileOrder.filter { patches[$0].map { !$0.isUnchanged } ?? false }
        let variables = Self.requiredVariables(in: byFile.values.flatMap { $0 })
        func failures(_ files: [String]) -> PatchReaudit.Failures {
            var overlay: [String: [UInt8]] = [:]
            for file in files { overlay[file] = patches[file]?.patched }
            return judge.failures(of: files, after: reaudit(overlay, variables))
        }
        var accepted = candidates
        var nextRound: FixRound?
        var together = PatchReaudit.Failures()
        if !candidates.isEmpty {
            var overlay: [String: [UInt8]] = [:]
            for file in candidates { overlay[file] = patches[file]?.patched }
            let after = reaudit(overlay, variables)
            together = judge.failures(of: candidates, after: after)
            if together.isEmpty && refusals.isEmpty { nextRound = FixRound(after, selection: selection) }
        }
        if !together.isEmpty {
            var refused: [String: String] = [:]
            // The files the joint re-audit blames (all of them when it blames none), each alone.
            let suspects = together.unattributed == nil ? candidates.filter { together.byFile[$0] != nil } : candidates
            for file in suspects {
                if let reason = failures([file]).reason(for: file) { refused[file] = reason }
            }
            accepted = candidates.filter { refused[$0] == nil }
            // The rest together; when they only fail in combination, each joins the ones kept so far.
            if refused.isEmpty || (!accepted.isEmpty && !failures(accepted).isEmpty) {
                var kept: [String] = []
                for file in accepted {
                    let trial = failures(kept + [file])
                    if trial.isEmpty {
                        kept.append(file)
                    } else {
                        let other = trial.byFile.sorted { $0.key < $1.key }.first.map { "\($0.key): \($0.value)" } ?? "?"
                        refused[file] = trial.reason(for: file) ?? "together with the other patched files: \(other)"
                    }
                }
                accepted = kept
            }
            for file in candidates {
                guard let reason = refused[file] else { continue }
                patches[file] = nil
                refusals.append(FixRefusal(path: file, reason: reason))
            }
        }
        let fixed = judge.fixed(by: accepted)
        let ordered = fileOrder.compactMap { patches[$0] }
        let applied = fileOrder.filter { patches[$0] != nil }.flatMap { byFile[$0, default: []] }
        return FixOutcome(
            patches: ordered, refusals: refusals, fixed: fixed.sorted(by: Finding.reportOrder), appliedChanges: applied,
            nextRound: nextRound)
    }

    /// The variables that changes make required (`${NAME:?message}` / `${NAME?message}`), each with a
    /// placeholder value.
    static func requiredVariables(in changes: [PlacedChange]) -> [String: String] {
        var result: [String: String] = [:]
        for placed in changes {
            let value: YAMLValue
            switch placed.operation {
            case .set(let new), .append(let new), .replaceItem(_, let new): value = new
            case .removeItem, .remove, .renameKey: continue
            }
            guard let text = value.scalarText else { continue }
            var rest = Substring(text)
            while let start = rest.range(of: "${") {
                rest = rest[start.upperBound...]
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                let after = rest.dropFirst(name.count)
                if !name.isEmpty, after.hasPrefix(":?") || after.hasPrefix("?") {
                    result[String(name)] = "batten-placeholder"
                }
            }
        }
        return result
    }

    /// A finding's identity across edits within one unit (one Compose project, or Kubernetes files):
    /// rule, workload, container and the setting it is about. Across units, ``FindingIdentifier``.
    static func key(_ finding: Finding) -> FindingIdentity {
        FindingIdentifier.withinOneUnit(finding)
    }
}
