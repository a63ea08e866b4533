import BattenYAML
import Testing

@testable import Batten

/// Profiles are validated like policies: every problem is an error at the line and column of the
/// offending node.
struct ImageProfileValidationTests {
    static let minimal = """
        name: example
        description: An example image.
        images: [example/app]
        capabilities:
          add: [CHOWN]
          reason: It changes the owner of its data.
        user:
          image: root
          run-as: "1000:1000"
          reason: Its files belong to 1000.
        writable:
          - path: /data
            kind: volume
            reason: Its data.
        healthcheck:
          test: ["CMD", "app", "check"]
          interval: 10s
          retries: 3
          reason: It has a check command.
        documentation:
          - url: https://example.com/docs
            facts: [It says so.]

        """

    static func parse(_ text: String) -> ImageProfileParser.Result {
        ImageProfileParser().parse(SourceFile(path: "profiles/example.yaml", text: text))
    }

    @Test func minimalProfileParses() throws {
        let result = Self.parse(Self.minimal)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let profile = try #require(result.profile)
        #expect(profile.name == "example")
        #expect(profile.patterns.map(\.text) == ["example/app"])
        #expect(profile.capabilities.add == ["CHOWN"])
        #expect(profile.user.runAs == .user("1000:1000"))
        #expect(profile.writable == [ImageProfile.WritablePath(path: "/data", kind: .volume, reason: "Its data.")])
        #expect(profile.healthcheck.test == ["CMD", "app", "check"])
        #expect(profile.healthcheck.retries == 3)
        #expect(profile.origin == "profiles/example.yaml")
    }

    @Test func unknownCapabilityIsAnErrorWithFileLineAndColumn() throws {
        let text = Self.minimal.replacingOccurrences(of: "add: [CHOWN]", with: "add: [CHOWN, CAP_SYS_ADMN, NET_BIND_SERVICE]")
        let result = Self.parse(text)
        #expect(result.profile == nil)
        let error = try #require(result.diagnostics.first)
        #expect(error.description == "profiles/example.yaml:5:16: error: unknown capability `CAP_SYS_ADMN`; did you mean `SYS_ADMIN`?")
        #expect(result.diagnostics.count == 1)
    }

    @Test func capabilitiesAreReadAsDockerReadsThem() throws {
        let text = Self.minimal.replacingOccurrences(of: "add: [CHOWN]", with: "add: [cap_chown, SetUID]")
        let profile = try #require(Self.parse(text).profile)
        #expect(profile.capabilities.add == ["CHOWN", "SETUID"])
    }

    struct BadProfile: Sendable, CustomTestStringConvertible {
        var name: String
        var replace: String
        var with: String
        var location: String
        var message: String
        var testDescription: String { name }
    }

    static let badProfiles: [BadProfile] = [
        BadProfile(
            name: "unknown key", replace: "images:", with: "image:", location: "3:1",
            message: "unknown key `image` in image profile; did you mean `images`?"),
        BadProfile(
            name: "missing field", replace: "description: An example image.\n", with: "", location: "1:1",
            message: "image profile has no `description`"),
        BadProfile(
            name: "images of the wrong type", replace: "images: [example/app]", with: "images: {name: app}", location: "3:9",
            message: "`images` must be a list"),
        BadProfile(
            name: "bad image pattern", replace: "images: [example/app]", with: "images: [\"example app\"]", location: "3:10",
            message: "`example app` is not an image name pattern (letters, digits, `.`, `_`, `-`, `/`, `:` and `*`)"),
        BadProfile(
            name: "reason missing", replace: "  reason: It changes the owner of its data.\n", with: "", location: "5:3",
            message: "`capabilities` has no `reason`"),
        BadProfile(
            name: "capability twice", replace: "add: [CHOWN]", with: "add: [CHOWN, chown]", location: "5:16",
            message: "capability `chown` is listed twice"),
        BadProfile(
            name: "root as run-as", replace: "run-as: \"1000:1000\"", with: "run-as: \"0:0\"", location: "9:11",
            message: "`run-as` is a non-root user (and group) the image runs as, `any` or `none`, not `0:0`"),
        BadProfile(
            name: "relative path", replace: "- path: /data", with: "- path: data", location: "12:11",
            message: "`path` is an absolute container path other than `/`, without spaces or `:`, not `data`"),
        BadProfile(
            name: "bad kind", replace: "kind: volume", with: "kind: bind", location: "13:11",
            message: "`kind` is tmpfs or volume, not `bind`"),
        BadProfile(
            name: "bad duration", replace: "interval: 10s", with: "interval: ten seconds", location: "17:13",
            message: "`interval` is a duration such as 30s or 1m30s, not `ten seconds`"),
        BadProfile(
            name: "retries not a number", replace: "retries: 3", with: "retries: three", location: "18:12",
            message: "`retries` is a positive whole number"),
        BadProfile(
            name: "bad test", replace: "test: [\"CMD\", \"app\", \"check\"]", with: "test: [\"RUN\", \"app\"]", location: "16:9",
            message: "`test` is a list that starts with CMD or CMD-SHELL and has a command, or a shell command string"),
        BadProfile(
            name: "bad version range", replace: "images: [example/app]\n", with: "images: [example/app]\ntags:\n  versions: newer than 2\n",
            location: "5:13",
            message: "`versions` takes comparisons such as `>=12 <18` (operators >=, >, <=, <, =), or lists of them joined by `||`, not `newer than 2`"),
        BadProfile(
            name: "documentation without facts", replace: "    facts: [It says so.]\n", with: "", location: "21:5",
            message: "a `documentation` entry has no `facts`"),
        BadProfile(
            name: "bad url", replace: "url: https://example.com/docs", with: "url: example.com/docs", location: "21:10",
            message: "`url` is an http(s) address, not `example.com/docs`"),
        BadProfile(
            name: "bad condition", replace: "documentation:\n",
            with: "authentication:\n  risk: r\n  remediation: m\n  secured-by:\n    - environment: A\n      argument: --b\ndocumentation:\n",
            location: "24:7", message: "a condition has either `environment` (with an optional `value`) or `argument`"),
    ]

    @Test(arguments: badProfiles)
    func badProfileIsALocatedError(_ bad: BadProfile) throws {
        #expect(Self.minimal.contains(bad.replace), "the case no longer applies")
        let result = Self.parse(Self.minimal.replacingOccurrences(of: bad.replace, with: bad.with))
        #expect(result.profile == nil)
        let error = try #require(result.diagnostics.first { $0.level == .error })
        #expect(error.path == "profiles/example.yaml")
        #expect(error.position.map { "\($0.line):\($0.column)" } == bad.location, "\(error.description)")
        #expect(error.message == bad.message)
    }

    @Test func notAMappingIsAnError() throws {
        let result = Self.parse("- postgres\n")
        #expect(result.profile == nil)
        #expect(result.diagnostics.first?.description.hasPrefix("profiles/example.yaml:1:1: error: an image profile is a YAML mapping") == true)
    }

    @Test func brokenYAMLIsAnError() throws {
        let result = Self.parse("name: [unclosed\n")
        #expect(result.profile == nil)
        #expect(result.diagnostics.first?.level == .error)
    }
}
