import BattenYAML
import Foundation
import Testing

@testable import Batten

/// `batten fix --write` on copies of every sample: every comment stays, the fixed findings are gone
/// on re-audit, and fixing the fixed files changes nothing.
struct FixSampleTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let samples = [
        "compose/webapp", "compose/monitoring", "compose/hardened",
        "kubernetes/webapp", "kubernetes/hardened", "kubernetes/helm-rendered",
    ]

    struct Run {
        var directory: URL
        var outcome: FixOutcome
        var before: AnalysisResult
        var after: AnalysisResult
    }

    /// Copies a sample to a temporary directory, fixes it in place and audits it again.
    static func fix(_ sample: String, upTo: FixKind) throws -> Run {
        let directory = try TemporaryDirectory.make("fix")
        let copy = directory.appendingPathComponent(sample.replacingOccurrences(of: "/", with: "-"))
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Samples/\(sample)"), to: copy)
        let policy = try #require(PolicyResolver().resolve(selection: "production").policy)
        let analyzer = Analyzer(policy: policy, today: "2026-01-01")
        let request = AnalysisRequest(paths: [copy.path], environment: [:])
        let before = analyzer.run(request)
        let outcome = FixSession(selection: FixSelection(upTo: upTo)).runUntilStable(before) { overlay, variables in
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            patched.environment.merge(variables) { current, _ in current }
            return analyzer.run(patched)
        }
        for patch in outcome.changedPatches { try AtomicFileWriter.write(patch.patched, to: patch.path) }
        let after = analyzer.run(request)
        return Run(directory: directory, outcome: outcome, before: before, after: after)
    }

    static func comments(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
            line.firstIndex(of: "#").map { String(line[$0...]).trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test(arguments: samples, FixKind.allCases)
    func fixKeepsCommentsAndConverges(_ sample: String, upTo: FixKind) throws {
        let run = try Self.fix(sample, upTo: upTo)
        defer { try? FileManager.default.removeItem(at: run.directory) }
        #expect(run.outcome.refusals.isEmpty, "\(run.outcome.refusals)")
        for patch in run.outcome.changedPatches {
            var remaining = Self.comments(patch.patched)[...]
            for comment in Self.comments(patch.original) {
                guard let index = remaining.firstIndex(of: comment) else {
                    Issue.record("\(patch.path): lost the comment \(comment)")
                    break
                }
                remaining = remaining[(index + 1)...]
            }
        }
        // The fixed findings are gone and nothing new appeared.
        let key = { (finding: Finding) in "\(finding.ruleID)|\(finding.workloadID)|\(finding.setting)" }
        let remainingKeys = Set(run.after.activeFindings.map(key))
        for finding in run.outcome.fixed {
            #expect(!remainingKeys.contains(key(finding)), "still reported: \(finding.message)")
        }
        let beforeKeys = Set(run.before.activeFindings.map(key))
        let new = run.after.activeFindings.filter { !beforeKeys.contains(key($0)) }
        #expect(new.isEmpty, "new findings: \(new.map(\.message))")
        // No fix of the chosen safety is left to apply, and a second run changes nothing.
        let left = run.after.findings.filter(FixSelection(upTo: upTo).admits)
        #expect(left.isEmpty, "fixable findings left: \(left.map { "\($0.ruleID) \($0.message)" })")
        let again = FixSession(selection: FixSelection(upTo: upTo)).runUntilStable(run.after) { _, _ in run.after }
        #expect(again.changedPatches.isEmpty, "fixing the fixed files changed \(again.changedPatches.map(\.path))")
    }

    @Test func safeFixesOfTheWebappSampleAreTheExpectedOnes() throws {
        let run = try Self.fix("compose/webapp", upTo: .safe)
        defer { try? FileManager.default.removeItem(at: run.directory) }
        let rules = Set(run.outcome.fixed.map(\.ruleID))
        #expect(rules == ["plaintext-secret", "privilege-escalation"])
        #expect(run.after.loaded.diagnostics.filter { $0.level == .error }.isEmpty)
    }
}
