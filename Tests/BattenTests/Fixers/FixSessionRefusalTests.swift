import BattenYAML
import Foundation
import Testing

@testable import Batten

/// A fix run judges every file by its own patch: two Compose projects of one directory share their
/// services' ids, yet the refusal of one file leaves the other fixed.
@Suite struct FixSessionRefusalTests {
    static let policy = PolicyResolver().resolve(selection: "production", workingDirectory: "/").policy

    static let service = """
        services:
          web:
            image: example/web:1.0
            privileged: true

        """

    /// Writes `a.yml` and `b.yml`, each with a service `web`, and audits them as two paths.
    static func twoProjects() throws -> (directory: URL, request: AnalysisRequest, analyzer: Analyzer, result: AnalysisResult) {
        let directory = try TemporaryDirectory.make("fix-session")
        for name in ["a.yml", "b.yml"] {
            try Data(service.utf8).write(to: directory.appendingPathComponent(name))
        }
        let request = AnalysisRequest(
            paths: ["a.yml", "b.yml"].map { directory.appendingPathComponent($0).path }, environment: [:], jobs: 1)
        let analyzer = Analyzer(policy: try #require(policy), today: "2026-01-01")
        return (directory, request, analyzer, analyzer.run(request) { [] })
    }

    @Test func sameServiceIDsKeepTheirFindingsApart() throws {
        let (directory, _, _, result) = try Self.twoProjects()
        defer { try? FileManager.default.removeItem(at: directory) }
        let privileged = result.findings.filter { $0.ruleID == "privileged-container" }
        try #require(privileged.count == 2)
        #expect(privileged[0].workloadID == privileged[1].workloadID, "the case this guards: one directory, one id")
        let identify = FindingIdentifier(result)
        #expect(identify(privileged[0]) != identify(privileged[1]))
        #expect(FixSession.key(privileged[0]) == FixSession.key(privileged[1]))
    }

    /// The re-audit ignores `a.yml`'s patch, so its findings stay: `a.yml` is refused, `b.yml` is
    /// still fixed.
    @Test func oneFileRefusedLeavesTheOtherFixed() throws {
        let (directory, request, analyzer, result) = try Self.twoProjects()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.yml").path
        let b = directory.appendingPathComponent("b.yml").path
        var audits = 0
        let outcome = FixSession(selection: FixSelection(upTo: .safe)).run(result) { overlay, _ in
            audits += 1
            var patched = request
            patched.reader = FileReader(overlay: overlay.filter { $0.key != a })
            return analyzer.run(patched) { [] }
        }
        #expect(outcome.refusals.map(\.path) == [a])
        #expect(outcome.refusals.first?.reason.contains("is still reported after the fix") == true)
        #expect(outcome.changedPatches.map(\.path) == [b])
        #expect(!outcome.fixed.isEmpty)
        #expect(outcome.fixed.allSatisfy { $0.location.path == b })
        // Together, then the blamed file alone, then the rest together.
        #expect(audits == 3)
    }

    /// Without interference, one re-audit judges both files.
    @Test func bothFilesFixedWithOneReaudit() throws {
        let (directory, request, analyzer, result) = try Self.twoProjects()
        defer { try? FileManager.default.removeItem(at: directory) }
        var audits = 0
        let outcome = FixSession(selection: FixSelection(upTo: .safe)).run(result) { overlay, _ in
            audits += 1
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            return analyzer.run(patched) { [] }
        }
        #expect(outcome.refusals.isEmpty, "\(outcome.refusals)")
        #expect(outcome.changedPatches.count == 2)
        #expect(audits == 1)
    }
}
