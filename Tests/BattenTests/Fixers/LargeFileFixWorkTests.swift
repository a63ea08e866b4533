import BattenYAML
import Foundation
import Testing

@testable import Batten

/// The fix of a large file does work in proportion to its changes: the fixer renders all the changes
/// of the file on a handful of parses of its text (not one parse per change), a round is re-audited
/// once, and the diff of thousands of changed lines is cut at anchors instead of tracing every step.
/// Work is counted, never timed.
@Suite struct LargeFileFixWorkTests {
    static let policy = PolicyResolver().resolve(selection: "production", workingDirectory: "/").policy

    static func services(_ count: Int) -> String {
        "services:\n" + (0..<count).map { "  s\($0):\n    image: nginx\n" }.joined()
    }

    @Test func twoThousandServicesAreFixedInAFewPasses() throws {
        let directory = try TemporaryDirectory.make("large-fix")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("compose.yaml").path
        try Data(Self.services(2_000).utf8).write(to: URL(fileURLWithPath: path))
        let request = AnalysisRequest(paths: [path], environment: [:], jobs: 1)
        let analyzer = Analyzer(policy: try #require(Self.policy), today: "2026-01-01")
        let result = analyzer.run(request) { [] }
        var audits = 0
        let outcome = FixSession(selection: FixSelection(upTo: .decision)).run(result) { overlay, variables in
            audits += 1
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            patched.environment.merge(variables) { current, _ in current }
            return analyzer.run(patched) { [] }
        }
        #expect(outcome.refusals.isEmpty, "\(outcome.refusals)")
        let patch = try #require(outcome.changedPatches.first)
        #expect(outcome.appliedChanges.count >= 2_000 * 5, "\(outcome.appliedChanges.count) changes")
        // One pass per change below one entry of a service, never one per change of the file.
        #expect(patch.passes <= 16, "\(patch.passes) passes for \(outcome.appliedChanges.count) changes")
        #expect(audits == 1)
    }

    /// A diff of a change on every one of thousands of workloads reconstructs the new text from the
    /// old one, without Myers' trace over the whole file.
    @Test func largeDiffIsCutAtAnchors() {
        let old = UnifiedDiff.lines(Array(Self.services(5_000).utf8))
        let newText = "services:\n" + (0..<5_000).map { "  s\($0):\n    image: nginx\n    read_only: true\n" }.joined()
        let new = UnifiedDiff.lines(Array(newText.utf8))
        let script = UnifiedDiff.editScript(old, new)
        #expect(script.filter { $0.kind == .insert }.count == 5_000)
        #expect(script.filter { $0.kind == .delete }.isEmpty)
        var rebuilt: [[UInt8]] = []
        for step in script where step.kind != .delete {
            rebuilt.append(step.kind == .same ? old[step.oldIndex] : new[step.newIndex])
        }
        #expect(rebuilt == new)
        #expect(script.filter { $0.kind != .insert }.map(\.oldIndex) == Array(old.indices))
    }

    /// Small differences keep Myers' shortest edit script.
    @Test func smallDiffIsMyers() {
        let old = UnifiedDiff.lines(Array("a\nb\nc\n".utf8))
        let new = UnifiedDiff.lines(Array("a\nx\nc\n".utf8))
        let kinds = UnifiedDiff.editScript(old, new).map(\.kind)
        #expect(kinds == [.same, .delete, .insert, .same])
    }
}
