import BattenYAML
import Testing

@testable import Batten

/// The profile keys the stack-keeping fixes read: `role`, `ports`, `user.ids` and
/// `healthcheck.requires`, as the parser validates them, as the built-in profiles fill them, and as
/// `batten explain-image` shows them.
struct ImageProfileStackFieldsTests {
    static func parse(_ text: String) -> ImageProfileParser.Result {
        ImageProfileValidationTests.parse(text)
    }

    static let complete = ImageProfileValidationTests.minimal
        .replacingOccurrences(of: "images: [example/app]\n", with: "images: [example/app]\nrole: web\nports: [8080, 8443]\n")
        .replacingOccurrences(of: "run-as: \"1000:1000\"\n", with: "run-as: app\n  ids:\n    alpine: \"101:102\"\n    default: \"1000:1001\"\n")
        .replacingOccurrences(
            of: "  retries: 3\n",
            with: "  retries: 3\n  requires:\n    - argument: \"--health*\"\n    - environment: APP_HEALTH\n      value: \"on\"\n")

    @Test func theNewKeysParse() throws {
        let result = Self.parse(Self.complete)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let profile = try #require(result.profile)
        #expect(profile.role == .web)
        #expect(profile.ports == [8080, 8443])
        #expect(profile.user.ids == ["alpine": "101:102", "default": "1000:1001"])
        #expect(profile.healthcheck.requires == [.argument("--health*"), .environment("APP_HEALTH", value: "on")])
        let alpine = try #require(profile.user.numericRunAs(tag: "2.1-alpine3.20"))
        #expect(alpine.uid == 101 && alpine.gid == 102)
        let debian = try #require(profile.user.numericRunAs(tag: "2.1"))
        #expect(debian.uid == 1000 && debian.gid == 1001)
    }

    @Test func theNewKeysAreOptional() throws {
        let profile = try #require(Self.parse(ImageProfileValidationTests.minimal).profile)
        #expect(profile.role == nil)
        #expect(profile.ports.isEmpty)
        #expect(profile.user.ids.isEmpty)
        #expect(profile.healthcheck.requires.isEmpty)
    }

    static let badProfiles: [ImageProfileValidationTests.BadProfile] = [
        .init(
            name: "unknown role", replace: "role: web", with: "role: proxy", location: "4:7",
            message: "`role` is one of edge, web, database, cache, broker, admin, monitoring, storage, runtime, base, not `proxy`"),
        .init(
            name: "port out of range", replace: "ports: [8080, 8443]", with: "ports: [8080, 70000]", location: "5:15",
            message: "a port is a number from 1 to 65535"),
        .init(
            name: "port not a number", replace: "ports: [8080, 8443]", with: "ports: [http]", location: "5:9",
            message: "a port is a number from 1 to 65535"),
        .init(
            name: "port twice", replace: "ports: [8080, 8443]", with: "ports: [8080, 8080]", location: "5:15",
            message: "port 8080 is listed twice"),
        .init(
            name: "ports not a list", replace: "ports: [8080, 8443]", with: "ports: {http: 8080}", location: "5:8",
            message: "`ports` must be a list"),
        .init(
            name: "id not numeric", replace: "default: \"1000:1001\"", with: "default: app", location: "14:14",
            message: "an id is a numeric non-root \"uid:gid\" (`999:999`), not `app`"),
        .init(
            name: "id without group", replace: "default: \"1000:1001\"", with: "default: \"1000\"", location: "14:14",
            message: "an id is a numeric non-root \"uid:gid\" (`999:999`), not `1000`"),
        .init(
            name: "id of root", replace: "default: \"1000:1001\"", with: "default: \"0:0\"", location: "14:14",
            message: "an id is a numeric non-root \"uid:gid\" (`999:999`), not `0:0`"),
        .init(
            name: "id key not a variant word", replace: "alpine: \"101:102\"", with: "alpine-3: \"101:102\"", location: "13:5",
            message: "a key of `ids` is a variant word of a tag (`alpine`) or `default`, not `alpine-3`"),
        .init(
            name: "ids not a mapping", replace: "  ids:\n    alpine: \"101:102\"\n    default: \"1000:1001\"\n", with: "  ids: [\"1000:1000\"]\n",
            location: "12:8", message: "`ids` must be a mapping of a variant word (`alpine`) or `default` to a numeric \"uid:gid\""),
        .init(
            name: "ids of a numeric run-as", replace: "run-as: app", with: "run-as: \"1000:1000\"", location: "13:5",
            message: "`ids` gives the numbers of a named `run-as` user; `1000:1000` is numeric already"),
        .init(
            name: "ids of any", replace: "run-as: app", with: "run-as: any", location: "13:5",
            message: "`ids` gives the numbers of a named `run-as` user, not of `any` or `none`"),
        .init(
            name: "requires not a list", replace: "  requires:\n    - argument: \"--health*\"\n    - environment: APP_HEALTH\n      value: \"on\"\n",
            with: "  requires: --health\n", location: "24:13", message: "`requires` must be a list"),
        .init(
            name: "requires an unknown condition", replace: "    - argument: \"--health*\"\n", with: "    - port: 8080\n",
            location: "25:7", message: "unknown key `port` in a condition; expected environment, value, argument"),
        .init(
            name: "requires an argument with a value", replace: "    - argument: \"--health*\"\n",
            with: "    - argument: \"--health*\"\n      value: \"on\"\n", location: "26:14",
            message: "`value` goes with `environment`, not `argument`"),
        .init(
            name: "requires nothing", replace: "  requires:\n    - argument: \"--health*\"\n    - environment: APP_HEALTH\n      value: \"on\"\n",
            with: "  requires: []\n", location: "24:13",
            message: "`requires` lists the settings of which the check needs one; leave it out when it needs none"),
    ]

    @Test(arguments: badProfiles)
    func badNewKeyIsALocatedError(_ bad: ImageProfileValidationTests.BadProfile) throws {
        #expect(Self.complete.contains(bad.replace), "the case no longer applies")
        let result = Self.parse(Self.complete.replacingOccurrences(of: bad.replace, with: bad.with))
        #expect(result.profile == nil)
        let error = try #require(result.diagnostics.first { $0.level == .error })
        #expect(error.path == "profiles/example.yaml")
        #expect(error.position.map { "\($0.line):\($0.column)" } == bad.location, "\(error.description)")
        #expect(error.message == bad.message)
    }

    @Test func requiresNeedsATest() throws {
        let text = Self.complete.replacingOccurrences(of: "  test: [\"CMD\", \"app\", \"check\"]\n  interval: 10s\n  retries: 3\n", with: "")
        let result = Self.parse(text)
        #expect(result.profile == nil)
        #expect(result.diagnostics.contains { $0.message == "a `healthcheck` without `test` takes only a `reason`" })
    }

    // MARK: Built-in data

    @Test func everyBuiltInProfileHasARole() {
        for profile in BuiltInImageProfiles.profiles {
            #expect(profile.role != nil, "\(profile.name) has no role")
        }
        let roles = Dictionary(uniqueKeysWithValues: BuiltInImageProfiles.profiles.map { ($0.name, $0.role) })
        #expect(roles["nginx"] == .edge && roles["traefik"] == .edge && roles["caddy"] == .edge && roles["haproxy"] == .edge)
        #expect(roles["httpd"] == .web && roles["grafana"] == .web && roles["keycloak"] == .web)
        #expect(roles["postgres"] == .database && roles["mariadb-early"] == .database && roles["opensearch"] == .database)
        #expect(roles["redis"] == .cache && roles["memcached-alpine"] == .cache)
        #expect(roles["rabbitmq"] == .broker && roles["prometheus"] == .monitoring && roles["minio"] == .storage)
        #expect(roles["node"] == .runtime && roles["python"] == .runtime)
    }

    @Test func servicePortsOfBuiltInProfiles() {
        let ports = Dictionary(uniqueKeysWithValues: BuiltInImageProfiles.profiles.map { ($0.name, $0.ports) })
        #expect(ports["postgres"] == [5432])
        #expect(ports["nginx"] == [80])
        #expect(ports["redis"] == [6379])
        #expect(ports["node"] == [], "a runtime's port is the application's")
    }

    /// Profiles whose image creates its user without a fixed uid (`adduser appuser`): the ids are not
    /// the profile's to say, and the fixes that need them are decisions.
    static let usersWithoutFixedIDs: Set<String> = ["apache-kafka", "cp-kafka", "cp-zookeeper"]

    @Test func everyNamedRunAsHasIDs() {
        for profile in BuiltInImageProfiles.profiles where !Self.usersWithoutFixedIDs.contains(profile.name) {
            guard case .user(let name) = profile.user.runAs, ImageProfile.User.numeric(name) == nil else { continue }
            #expect(profile.user.ids["default"] != nil, "\(profile.name) runs as \(name) without its numeric ids")
            #expect(profile.user.numericRunAs(tag: nil) != nil)
        }
        for name in Self.usersWithoutFixedIDs {
            let profile = BuiltInImageProfiles.profiles.first { $0.name == name }
            #expect(profile?.user.ids.isEmpty == true, "\(name) names no uid")
        }
    }

    @Test func postgresIDsDependOnTheVariant() throws {
        let debian = try #require(ImageProfileLibrary.builtIn.match("postgres:16"))
        let debianIDs = try #require(debian.profile.user.numericRunAs(tag: debian.tag))
        #expect(debianIDs.uid == 999 && debianIDs.gid == 999)
        let alpine = try #require(ImageProfileLibrary.builtIn.match("postgres:16-alpine"))
        let alpineIDs = try #require(alpine.profile.user.numericRunAs(tag: alpine.tag))
        #expect(alpineIDs.uid == 70 && alpineIDs.gid == 70)
        let redis = try #require(ImageProfileLibrary.builtIn.match("redis:7.4-alpine"))
        let redisIDs = try #require(redis.profile.user.numericRunAs(tag: redis.tag))
        #expect(redisIDs.uid == 999 && redisIDs.gid == 1000)
    }

    @Test func traefiksCheckRequiresPing() throws {
        let traefik = try #require(ImageProfileLibrary.builtIn.match("traefik:v3.1"))
        #expect(traefik.profile.healthcheck.requires.contains(.argument("--ping*")))
        #expect(traefik.profile.healthcheck.requires.contains(.environment("TRAEFIK_PING", value: "true")))
    }

    @Test func mariaDBTagsBeforeHealthcheckScriptGetNoScript() throws {
        for tag in ["10.6.0", "10.6.5", "10.7.1", "10.8.0"] {
            let match = try #require(ImageProfileLibrary.builtIn.match("mariadb:\(tag)"))
            #expect(match.profile.name == "mariadb-early", "mariadb:\(tag)")
            #expect(match.profile.healthcheck.test == nil)
        }
        for tag in ["10.6", "10.6.6", "10.7", "10.7.2", "10.8", "10.8.1", "10.11", "11.4", "latest"] {
            let match = try #require(ImageProfileLibrary.builtIn.match("mariadb:\(tag)"))
            #expect(match.profile.name == "mariadb", "mariadb:\(tag)")
            #expect(match.profile.healthcheck.test?.contains("healthcheck.sh") == true)
        }
        #expect(ImageProfileLibrary.builtIn.match("mariadb:10.5")?.profile.healthcheck.test == nil, "mariadb-legacy")
    }

    @Test func versionRangeAlternatives() throws {
        let range = try #require(VersionRange(">=10.6 <10.6.6 || =10.8.0"))
        #expect(range.description == ">=10.6 <10.6.6 || =10.8.0")
        #expect(range.contains([10, 6, 5]))
        #expect(!range.contains([10, 6, 6]))
        #expect(range.contains([10, 8, 0]))
        #expect(!range.contains([10, 8]), "10.8 stands for its newest release")
        #expect(!range.contains(nil))
        #expect(try #require(VersionRange("<2 || >=3")).contains(nil))
        #expect(VersionRange(">=1 ||") == nil)
        #expect(VersionRange("|| <2") == nil)
    }

    // MARK: explain-image

    @Test func explanationShowsRolePortsIDsAndRequirements() {
        let postgres = ImageProfileExplanation(image: "postgres:16-alpine", library: .builtIn).text()
        #expect(postgres.contains("  role: database\n"))
        #expect(postgres.contains("  ports: 5432\n"))
        #expect(postgres.contains("  numeric ids: 70:70 on alpine tags, 999:999 by default\n"))
        #expect(postgres.contains("  for tag 16-alpine: 70:70\n"))
        let traefik = ImageProfileExplanation(image: "traefik:v3.1", library: .builtIn).text()
        #expect(traefik.contains("  only with any of: argument `--ping*`, environment TRAEFIK_PING=true, environment TRAEFIK_PING_ENTRYPOINT\n"))
    }
}
