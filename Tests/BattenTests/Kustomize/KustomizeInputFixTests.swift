import BattenYAML
import Foundation
import Testing

@testable import Batten

/// `batten fix` on a kustomize input, with the real `kubectl kustomize`: a value is edited in the
/// file that sets it when that file is under the named directory and no other kustomization of
/// the input uses it; the rest is left to an override, with the reason. Each test works on a copy
/// of the fixture tree. The tests fail, not skip, without kubectl.
@Suite("Kustomize input fix", .serialized)
struct KustomizeInputFixTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kustomize-fix/deploy").path

    struct Run: @unchecked Sendable {
        var outcome: FixOutcome
        var messages: [String]
    }

    /// A copy of the fixture's `deploy` tree in a new temporary directory.
    static func copy() throws -> URL {
        let scratch = try TemporaryDirectory.make("kustomize-fix")
        try FileManager.default.copyItem(atPath: fixture, toPath: scratch.appendingPathComponent("deploy").path)
        return scratch
    }

    /// What `batten fix --include decisions` does with `paths`, without writing.
    static func fix(_ paths: [String]) async throws -> Run {
        #expect(KustomizeTool.find(command: nil, environment: OverrideTestSupport.environment()) != nil, "kubectl is needed")
        let policy = try OverrideTestSupport.productionPolicy()
        return await KustomizeInputTests.offPool {
            let request = AnalysisRequest(paths: paths, environment: OverrideTestSupport.environment(), jobs: 2)
            let analyzer = Analyzer(policy: policy, today: OverrideTestSupport.today)
            let selection = FixSelection(upTo: .decision)
            var result = analyzer.run(request)
            var unplaced = KustomizeFixPlacement.place(&result, request: request, selection: selection)
            let outcome = FixSession(selection: selection).runUntilStable(result) { overlay, _ in
                var patched = request
                patched.reader = FileReader(overlay: overlay)
                var after = analyzer.run(patched)
                unplaced += KustomizeFixPlacement.place(&after, request: patched, selection: selection)
                return after
            }
            return Run(outcome: outcome, messages: KustomizeFixPlacement.messages(unplaced, fixed: outcome.fixed))
        }
    }

    static func write(_ run: Run) throws {
        for patch in run.outcome.changedPatches { try Data(patch.patched).write(to: URL(fileURLWithPath: patch.path)) }
    }

    @Test("fix on overlays/prod edits the patch file, keeps its comment, converges and leaves the base outside it untouched")
    func overlayPatchIsEdited() async throws {
        let scratch = try Self.copy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("deploy").path
        let base = try Data(contentsOf: URL(fileURLWithPath: root + "/base/deployment.yaml"))
        let first = try await Self.fix([root + "/overlays/prod"])
        #expect(first.outcome.refusals.isEmpty, "\(first.outcome.refusals)")
        #expect(first.outcome.changedPatches.map(\.path) == [root + "/overlays/prod/privileged.yaml"])
        let patched = String(decoding: try #require(first.outcome.changedPatches.first).patched, as: UTF8.self)
        #expect(patched.contains("privileged: false # needed? check with the platform team"), "\(patched)")
        #expect(first.outcome.fixed.map(\.ruleID) == ["privileged-container"])
        // The base is outside the named directory: its values are left to an override, and said so.
        #expect(
            first.messages.contains {
                $0.hasPrefix(
                    "not edited: privilege-escalation Deployment prod-api container api: it is written in \(root)/base/deployment.yaml, outside \(root)/overlays/prod"
                )
                    && $0.hasSuffix("use `batten override --kustomize`")
            }, "\(first.messages)")
        #expect(first.messages.contains { $0.hasPrefix("not edited: writable-root-filesystem") }, "\(first.messages)")
        try Self.write(first)

        let second = try await Self.fix([root + "/overlays/prod"])
        #expect(second.outcome.changedPatches.isEmpty, "fixing twice must change nothing")
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/base/deployment.yaml")) == base)
        let after = await KustomizeInputTests.audit([root + "/overlays/prod"])
        #expect(!after.findings.contains { $0.ruleID == "privileged-container" })
    }

    @Test("fix on the whole tree does not edit the base two overlays share, and says why")
    func sharedBaseIsNotEdited() async throws {
        let scratch = try Self.copy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("deploy").path
        let run = try await Self.fix([root])
        #expect(run.outcome.changedPatches.map(\.path) == [root + "/overlays/prod/privileged.yaml"])
        #expect(!run.outcome.changedPatches.contains { $0.path.hasSuffix("/base/deployment.yaml") })
        #expect(
            run.messages.contains {
                $0
                    == "not edited: privilege-escalation Deployment staging-api container api: it is written in \(root)/base, shared with \(root)/overlays/prod: use `batten override --kustomize`"
            }, "\(run.messages)")
        #expect(
            run.messages.contains {
                $0.hasPrefix("not edited: privilege-escalation Deployment prod-api") && $0.contains("shared with \(root)/overlays/staging")
            },
            "\(run.messages)")
    }

    @Test("fix on the base alone edits its resource file: a value set there and a missing setting added, comments kept")
    func baseAloneIsEdited() async throws {
        let scratch = try Self.copy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("deploy").path
        let run = try await Self.fix([root + "/base"])
        #expect(run.messages.isEmpty, "\(run.messages)")
        #expect(run.outcome.changedPatches.map(\.path) == [root + "/base/deployment.yaml"])
        let patched = String(decoding: try #require(run.outcome.changedPatches.first).patched, as: UTF8.self)
        #expect(patched.contains("allowPrivilegeEscalation: false # debugging leftover"), "\(patched)")
        #expect(patched.contains("readOnlyRootFilesystem: true"), "\(patched)")
        #expect(patched.hasPrefix("# The API server.\n"))
        #expect(Set(run.outcome.fixed.map(\.ruleID)) == ["privilege-escalation", "writable-root-filesystem"])
    }

    @Test("an inline patch in a component is not edited: the fix names where the value is set")
    func inlinePatchIsNotEdited() async throws {
        let dev = URL(fileURLWithPath: Self.fixture).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("kustomize/overlays/dev").path
        let run = try await Self.fix([dev])
        #expect(run.outcome.changedPatches.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["host-network.yaml"])
        #expect(
            run.messages.contains { $0.hasPrefix("not edited: privilege-escalation") && $0.contains("components/debug/kustomization.yaml:15") },
            "\(run.messages)")
    }

    @Test("an edit that would render otherwise than intended is refused")
    func renderCheckRefusesOtherResults() async throws {
        let scratch = try Self.copy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("deploy").path
        let request = AnalysisRequest(paths: [root + "/overlays/prod"], environment: OverrideTestSupport.environment(), jobs: 2)
        let policy = try OverrideTestSupport.productionPolicy()
        let reason: String? = await KustomizeInputTests.offPool {
            let result = Analyzer(policy: policy, today: OverrideTestSupport.today).run(request)
            guard let input = result.loaded.kustomizations.values.first,
                let finding = result.findings.first(where: { $0.ruleID == "privileged-container" }),
                let change = finding.fix?.changes.first
            else { return "no privileged finding" }
            // The intended change, set in the rendered objects, against an edit that sets another value.
            var wrong = change
            wrong.operation = .set(.string("true"))
            let stream = YAMLParser.parse(input.source, limits: request.limits)
            let locator = KustomizeLocator(rendered: input, documents: stream.documents, reader: request.reader, limits: request.limits)
            let scope = KustomizeFixPlacement.Scope(directory: input.directory, request: request, owners: [:])
            guard case .success(let edit) = KustomizeFixPlacement.edit(for: wrong, renderedPath: input.directory, locator: locator, scope: scope)
            else { return "not placed" }
            return KustomizeFixPlacement.rendersAsIntended([change], [edit], input: input, request: request)
        }
        #expect(reason?.contains("would not give the intended objects") == true, "\(reason ?? "accepted")")
    }
}
