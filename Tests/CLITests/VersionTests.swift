import Foundation
import Testing

/// `batten --version` prints the version and the commit; a build that was not given a commit (as
/// the tests' `swift build`) says so.
struct VersionTests {
    @Test func versionNamesTheCommitOrSaysItIsUnknown() throws {
        let run = try CLIHarness.run(["--version"])
        #expect(run.status == 0)
        let version = try ReleaseArchive.sourceVersion()
        let matched = run.stdout.wholeMatch(of: /(\d+\.\d+\.\d+) \((unknown commit|commit [0-9a-f]{7,40})\)\n/)
        #expect(matched?.output.1 == Substring(version), "unexpected: \(run.stdout)")
    }
}
