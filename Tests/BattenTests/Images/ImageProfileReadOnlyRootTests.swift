import BattenYAML
import Testing

@testable import Batten

/// `read-only-root`: an image that cannot run with a read-only root, or only with a setting, says so;
/// the parser checks the shape and `writable-root-filesystem` turns it into a decision with the
/// profile's reason (adding the setting when it is an environment value).
struct ImageProfileReadOnlyRootTests {
    static func parse(_ section: String) -> ImageProfileParser.Result {
        ImageProfileValidationTests.parse(ImageProfileValidationTests.minimal + section)
    }

    static func findings(_ compose: String) throws -> [Finding] {
        try ExampleRunner.run(compose, format: .compose, rules: [WritableRootFilesystemRule.self]).findings
    }

    @Test func unsupportedAndRequiresParse() throws {
        let unsupported = try #require(Self.parse("read-only-root:\n  supported: false\n  reason: It writes /etc.\n").profile)
        #expect(unsupported.readOnlyRoot == ImageProfile.ReadOnlyRoot(support: .unsupported, reason: "It writes /etc."))
        let requires = try #require(
            Self.parse(
                """
                read-only-root:
                  requires:
                    - environment: READ_ONLY
                      value: "true"
                  reason: Only with READ_ONLY.

                """
            ).profile)
        #expect(requires.readOnlyRoot?.requires == [.environment("READ_ONLY", value: "true")])
        #expect(try #require(Self.parse("").profile).readOnlyRoot == nil)
    }

    @Test(arguments: [
        ("read-only-root:\n  supported: true\n  reason: x\n", "`supported` takes only `false`"),
        ("read-only-root:\n  reason: x\n", "needs `supported: false`"),
        ("read-only-root:\n  supported: false\n", "has no `reason`"),
        ("read-only-root:\n  supported: false\n  requires:\n    - environment: A\n  reason: x\n", "not both"),
        ("read-only-root:\n  requires: []\n  reason: x\n", "lists the settings"),
        ("read-only-root:\n  supported: false\n  reasons: x\n", "did you mean `reason`"),
    ])
    func badShapesAreLocatedErrors(_ section: String, _ message: String) {
        let result = Self.parse(section)
        #expect(result.profile == nil)
        #expect(result.diagnostics.contains { $0.message.contains(message) && ($0.position?.line ?? 0) > 20 }, "\(result.diagnostics.map(\.description))")
    }

    @Test func fileCapabilitiesNeedTheirReason() {
        let result = ImageProfileValidationTests.parse(
            ImageProfileValidationTests.minimal.replacingOccurrences(
                of: "  add: [CHOWN]\n", with: "  add: [CHOWN]\n  file: [NET_BIND_SERVICE]\n"))
        #expect(result.profile == nil)
        #expect(result.diagnostics.contains { $0.message.contains("`file` needs a `file-reason`") })
    }

    @Test func anImageThatCannotRunReadOnlyGetsADecisionWithTheProfilesReason() throws {
        let finding = try #require(
            try Self.findings(
                """
                services:
                  app:
                    image: nextcloud:30-apache
                    environment:
                      REDIS_HOST: redis
                """
            ).first)
        let fix = try #require(finding.fix)
        #expect(fix.kind == .decision)
        #expect(fix.reason?.contains("nextcloud image profile") == true)
        #expect(fix.reason?.contains("redis-session.ini") == true)
        #expect(finding.message.contains("cannot run with a read-only root"))
    }

    @Test func aMissingSettingIsAddedInTheDecision() throws {
        let fix = try #require(
            try Self.findings(
                """
                services:
                  app:
                    image: lscr.io/linuxserver/sonarr:4.0.11
                    environment:
                      - PUID=1000
                """
            ).first?.fix)
        #expect(fix.kind == .decision)
        #expect(fix.title.contains("LSIO_READ_ONLY_FS=true"))
        #expect(
            fix.changes.contains { change in
                if case .append(let value) = change.operation { return value.scalarText == "LSIO_READ_ONLY_FS=true" }
                return false
            })
    }

    @Test func withTheSettingTheRequirementIsMet() throws {
        let fix = try #require(
            try Self.findings(
                """
                services:
                  app:
                    image: lscr.io/linuxserver/sonarr:4.0.11
                    environment:
                      LSIO_READ_ONLY_FS: "true"
                """
            ).first?.fix)
        // The setting is there; what is left is that the profile covers many applications.
        #expect(fix.kind == .decision)
        #expect(fix.reason?.contains("covers many applications") == true)
        #expect(!fix.title.contains("LSIO_READ_ONLY_FS"))
    }
}
