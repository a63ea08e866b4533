import BattenYAML
import Foundation
import Testing

@testable import Batten

/// A fix in rounds keeps one analysis of the input at a time: by the time a round's patches are
/// re-audited, every parsed document of the analyses before (the first one included, when the
/// caller lets it go) is gone. Only what the re-audit compares is kept (``FixRound``).
@Suite struct FixRoundRetentionTests {
    /// A weak reference to a parsed document.
    final class Watched: @unchecked Sendable {
        weak var document: YAMLDocument?
        init(_ document: YAMLDocument) { self.document = document }
    }

    /// The parsed documents an analysis holds, through its workloads and its findings' fixes.
    static func documents(of result: AnalysisResult) -> [Watched] {
        var seen = Set<ObjectIdentifier>()
        var documents: [YAMLDocument] = result.workloads.map(\.node.document)
        for finding in result.findings {
            for change in finding.fix?.changes ?? [] { documents.append(change.target.document) }
        }
        return documents.filter { seen.insert(ObjectIdentifier($0)).inserted }.map(Watched.init)
    }

    static let manifest = (0..<3).map { index in
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app\(index)
        spec:
          selector:
            matchLabels:
              app: app\(index)
          template:
            metadata:
              labels:
                app: app\(index)
            spec:
              containers:
                - name: web
                  image: nginx:latest
                  securityContext:
                    privileged: true

        """
    }.joined(separator: "---\n")

    @Test func eachRoundLetsTheAnalysesBeforeItGo() throws {
        let directory = try TemporaryDirectory.make("rounds")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("deployments.yaml").path
        try Data(Self.manifest.utf8).write(to: URL(fileURLWithPath: path))
        let policy = try #require(PolicyResolver().resolve(selection: "production", workingDirectory: "/").policy)
        let analyzer = Analyzer(policy: policy, today: "2026-01-01")
        let request = AnalysisRequest(paths: [path], environment: [:], jobs: 1)
        let first = analyzer.run(request) { [] }
        var watched = Self.documents(of: first)
        #expect(!watched.isEmpty)
        var audits = 0
        var aliveAtReaudit: [Int] = []
        let outcome = FixSession(selection: FixSelection(upTo: .decision)).runUntilStable(consume first) { overlay, variables in
            audits += 1
            aliveAtReaudit.append(watched.filter { $0.document != nil }.count)
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            patched.environment.merge(variables) { current, _ in current }
            let result = analyzer.run(patched) { [] }
            watched += Self.documents(of: result)
            return result
        }
        #expect(outcome.refusals.isEmpty, "\(outcome.refusals)")
        #expect(!outcome.changedPatches.isEmpty)
        // A privileged container is fixed in two rounds (allowPrivilegeEscalation only once it is not privileged).
        #expect(audits >= 2, "\(audits) re-audits")
        #expect(aliveAtReaudit.allSatisfy { $0 == 0 }, "documents of earlier analyses alive at each re-audit: \(aliveAtReaudit)")
        // The fixed findings are kept without their edits, which would hold the documents.
        #expect(outcome.fixed.allSatisfy { $0.fix?.changes.isEmpty ?? true })
        #expect(watched.allSatisfy { $0.document == nil }, "a document outlived the fix")
    }
}
