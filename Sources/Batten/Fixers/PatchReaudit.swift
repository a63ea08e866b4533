/// Judges patched files by a re-audit of the input with them in place of the originals: a file
/// fails when the input no longer loads because of it, when it brings a new finding, or when a
/// finding its patch claims to fix is still reported as it was (``FixedFindings``: a finding left
/// as a weaker one with no fix is fixed).
struct PatchReaudit {
    /// Why files failed a re-audit.
    struct Failures {
        /// The reason of each file the re-audit blames.
        var byFile: [String: String] = [:]
        /// A failure that names none of the patched files (a new finding in a file no patch
        /// touched): any of them, or their combination, may have caused it.
        var unattributed: String?

        var isEmpty: Bool { byFile.isEmpty && unattributed == nil }

        /// The reason to give `file`: its own, else the one no file was blamed for.
        func reason(for file: String) -> String? { byFile[file] ?? unattributed }
    }

    /// The findings each file's patch claims to fix, without their fixes' edits.
    let claims: [String: [Finding]]
    /// True when the input did not load before the patches either.
    private let originalHasErrors: Bool
    private let identify: FindingIdentifier
    private let before: Set<FindingIdentity>

    /// Keeps of `original` only what the re-audit compares: the identities of its findings, whether
    /// it loaded, and the claimed findings without the edits of their fixes (which point into the
    /// parsed documents), so that the analysis can go.
    init(original: AnalysisResult, claims: [String: [Finding]]) {
        self.claims = claims.mapValues { $0.map(Self.withoutEdits) }
        originalHasErrors = original.loaded.hasErrors
        let identify = FindingIdentifier(original)
        self.identify = identify
        before = Set(original.activeFindings.map { identify($0) })
    }

    /// `finding` with its fix's title, kind and reason but without its changes.
    static func withoutEdits(_ finding: Finding) -> Finding {
        guard finding.fix.map({ !$0.changes.isEmpty }) ?? false else { return finding }
        var light = finding
        light.fix?.changes = []
        return light
    }

    /// Why `files`, patched together, fail the re-audit `after`.
    func failures(of files: [String], after: AnalysisResult) -> Failures {
        var failures = Failures()
        let patched = Set(files)
        func blame(_ path: String, _ reason: String) {
            if patched.contains(path) {
                if failures.byFile[path] == nil { failures.byFile[path] = reason }
            } else if failures.unattributed == nil {
                failures.unattributed = reason
            }
        }
        if after.loaded.hasErrors && !originalHasErrors,
            let error = after.diagnostics.first(where: { $0.level == .error })
        {
            blame(error.path, "the patched input no longer loads: \(error.description)")
        }
        let identifyAfter = FindingIdentifier(after)
        for finding in after.activeFindings where !before.contains(identifyAfter(finding)) {
            blame(finding.location.path, "the patched file has a new finding: \(finding.ruleID) \(finding.message)")
        }
        let fixed = FixedFindings(after: after.activeFindings, identifier: identifyAfter)
        for file in files where failures.byFile[file] == nil {
            if let kept = (claims[file] ?? []).first(where: { fixed.isStillReported($0, as: identify($0)) }) {
                failures.byFile[file] = "\(kept.ruleID) is still reported after the fix: \(kept.message)"
            }
        }
        return failures
    }

    /// The findings the patches of `files` fix, each once.
    func fixed(by files: [String]) -> [Finding] {
        var seen = Set<FindingIdentity>()
        return files.flatMap { claims[$0] ?? [] }.filter { seen.insert(identify($0)).inserted }
    }
}
