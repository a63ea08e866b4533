import Foundation
import Testing

/// `batten fix` and `batten override --kustomize` on a kustomize tree, through the built binary
/// and the real `kubectl kustomize` (on the harness's PATH), on a copy of the fixture tree.
@Suite struct KustomizeInputFixTests {
    static func tree(_ label: String) throws -> URL {
        let scratch = try CLIHarness.temporaryDirectory(label)
        let fixture = try CLIHarness.packageRoot().appendingPathComponent("Tests/BattenTests/Fixtures/kustomize-fix/deploy")
        try FileManager.default.copyItem(at: fixture, to: scratch.appendingPathComponent("deploy"))
        return scratch
    }

    @Test func fixEditsTheOverlayPatchAndNamesWhatItLeaves() throws {
        let scratch = try Self.tree("kustomize-fix")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let base = try CLIHarness.read(scratch.appendingPathComponent("deploy/base/deployment.yaml"))
        let run = try CLIHarness.run(["fix", "--include", "decisions", "--write", "deploy/overlays/prod"], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("fixed 1 finding in 1 file: 1 written, 0 refused, 0 failed"), "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "not edited: privilege-escalation Deployment prod-api container api: it is written in deploy/base/deployment.yaml, outside deploy/overlays/prod: use `batten override --kustomize`"
            ),
            "\(run.stderr)")
        let patch = try CLIHarness.read(scratch.appendingPathComponent("deploy/overlays/prod/privileged.yaml"))
        #expect(patch.contains("privileged: false # needed? check with the platform team"))
        #expect(try CLIHarness.read(scratch.appendingPathComponent("deploy/base/deployment.yaml")) == base)

        let again = try CLIHarness.run(["fix", "--include", "decisions", "--write", "deploy/overlays/prod"], in: scratch)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("fixed 0 findings in 0 files"), "\(again.stderr)")
    }

    @Test func overrideBuildsOnTheOverlay() throws {
        let scratch = try Self.tree("kustomize-override")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try CLIHarness.run(
            ["override", "--include", "decisions", "--kustomize", "deploy/hardened", "deploy/overlays/prod"], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("fixes 3 findings"), "\(run.stderr)")
        let kustomization = try CLIHarness.read(scratch.appendingPathComponent("deploy/hardened/kustomization.yaml"))
        #expect(kustomization.contains("resources:\n- ../overlays/prod\n"), "\(kustomization)")
        #expect(kustomization.contains("- path: patches/deployment-prod-api.yaml"), "\(kustomization)")
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("deploy/hardened/resources").path))

        let audit = try CLIHarness.run(["audit", "--policy", "production", "--format", "json", "deploy/hardened"], in: scratch)
        #expect(!audit.stdout.contains("\"privileged-container\""), "\(audit.stdout)")
        #expect(!audit.stdout.contains("\"writable-root-filesystem\""), "\(audit.stdout)")

        let mixed = try CLIHarness.run(
            ["override", "--kustomize", "deploy/other", "deploy/overlays/prod", "deploy/base/deployment.yaml"], in: scratch)
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("not both in one overlay"), "\(mixed.stderr)")
    }

    /// `batten fix` on the kustomize sample: its diff and summary, kept as golden files
    /// (`BATTEN_UPDATE_GOLDEN=1` rewrites them).
    @Test func fixOfTheSampleMatchesGolden() throws {
        let root = try CLIHarness.packageRoot()
        let run = try CLIHarness.run(["fix", "--include", "decisions", "Samples/kustomize/overlays/prod"])
        #expect(run.status == 0, "\(run.stderr)")
        let golden = root.appendingPathComponent("Tests/CLITests/Golden/kustomize-prod")
        let expected = [("fix.diff", run.stdout), ("fix.stderr.txt", run.stderr)]
        for (file, text) in expected {
            let url = golden.appendingPathComponent(file)
            if ProcessInfo.processInfo.environment["BATTEN_UPDATE_GOLDEN"] == "1" {
                try Data(text.utf8).write(to: url)
            } else {
                #expect(text == (try CLIHarness.read(url)), "\(file) differs; BATTEN_UPDATE_GOLDEN=1 regenerates it")
            }
        }
    }
}
