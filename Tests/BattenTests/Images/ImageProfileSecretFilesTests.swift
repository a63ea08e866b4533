import BattenYAML
import Testing

@testable import Batten

/// The `secret-files` key of an image profile: how the parser reads and checks it, the file-form
/// variable it gives, and the built-in profiles that declare it from their images' entrypoints.
struct ImageProfileSecretFilesTests {
    static let profile = ImageProfileValidationTests.minimal.replacingOccurrences(
        of: "documentation:\n",
        with: """
            secret-files:
              form: "{}_FILE"
              variables: [APP_PASSWORD, "APP_KEY_*"]
              reason: The entrypoint reads NAME_FILE.
            documentation:

            """)

    @Test func aValidSecretFilesParses() throws {
        let result = ImageProfileValidationTests.parse(Self.profile)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let files = try #require(result.profile?.secretFiles)
        #expect(files.form == "{}_FILE")
        #expect(files.variables == ["APP_PASSWORD", "APP_KEY_*"])
        #expect(files.fileVariable(for: "APP_PASSWORD") == "APP_PASSWORD_FILE")
        #expect(files.fileVariable(for: "APP_KEY_SIGNING") == "APP_KEY_SIGNING_FILE")
        #expect(files.fileVariable(for: "APP_USER") == nil)
    }

    @Test func otherForms() {
        let grafana = ImageProfile.SecretFiles(form: "{}__FILE", variables: ["GF_*"], reason: "")
        #expect(grafana.fileVariable(for: "GF_SECURITY_ADMIN_PASSWORD") == "GF_SECURITY_ADMIN_PASSWORD__FILE")
        #expect(grafana.fileVariable(for: "ADMIN_PASSWORD") == nil)
        let linuxserver = ImageProfile.SecretFiles(form: "FILE__{}", variables: ["*"], reason: "")
        #expect(linuxserver.fileVariable(for: "PASSWORD") == "FILE__PASSWORD")
    }

    @Test func aBadFormIsALocatedError() throws {
        for form in ["\"_FILE\"", "\"{}_FILE_{}\"", "\"{}-FILE\""] {
            let text = Self.profile.replacingOccurrences(of: "form: \"{}_FILE\"", with: "form: \(form)")
            let result = ImageProfileValidationTests.parse(text)
            #expect(result.profile == nil, "\(form)")
            let error = try #require(result.diagnostics.first { $0.level == .error })
            #expect(error.position.map { "\($0.line):\($0.column)" } == "21:9", "\(error.description)")
            #expect(error.message.hasPrefix("`form` is the file variable's name with `{}` for the variable"), "\(error.message)")
        }
    }

    @Test func aBadVariableIsALocatedError() throws {
        let text = Self.profile.replacingOccurrences(of: "[APP_PASSWORD, ", with: "[APP-PASSWORD, ")
        let result = ImageProfileValidationTests.parse(text)
        #expect(result.profile == nil)
        let error = try #require(result.diagnostics.first { $0.level == .error })
        #expect(error.position.map { "\($0.line):\($0.column)" } == "22:15", "\(error.description)")
        #expect(error.message == "a `secret-files` variable is a name or a glob (`POSTGRES_PASSWORD`, `GF_*`), not `APP-PASSWORD`")
    }

    @Test func secretFilesNeedsItsKeys() {
        let text = Self.profile.replacingOccurrences(of: "  reason: The entrypoint reads NAME_FILE.\n", with: "")
        let result = ImageProfileValidationTests.parse(text)
        #expect(result.profile == nil)
        #expect(result.diagnostics.contains { $0.level == .error && $0.message.contains("reason") })
    }

    /// Each as the image's own entrypoint reads it (docker-entrypoint.sh's file_env, WordPress's
    /// getenv_docker, Grafana's run.sh).
    @Test(arguments: [
        ("postgres:16.4", "POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE"),
        ("postgres:18.1", "POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE"),
        ("mysql:8.4", "MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE"),
        ("mariadb:11.4", "MARIADB_PASSWORD", "MARIADB_PASSWORD_FILE"),
        ("mariadb:11.4", "MYSQL_PASSWORD", "MYSQL_PASSWORD_FILE"),
        ("mariadb:10.6.4", "MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_FILE"),
        ("mongo:7.0", "MONGO_INITDB_ROOT_PASSWORD", "MONGO_INITDB_ROOT_PASSWORD_FILE"),
        ("grafana/grafana:11.2.0", "GF_SECURITY_ADMIN_PASSWORD", "GF_SECURITY_ADMIN_PASSWORD__FILE"),
        ("wordpress:6.6-apache", "WORDPRESS_DB_PASSWORD", "WORDPRESS_DB_PASSWORD_FILE"),
        ("wordpress:6.6-fpm-alpine", "WORDPRESS_AUTH_KEY", "WORDPRESS_AUTH_KEY_FILE"),
    ])
    func builtInFileForms(image: String, variable: String, file: String) throws {
        let match = try #require(ImageProfileLibrary.builtIn.match(image))
        #expect(match.profile.secretFiles?.fileVariable(for: variable) == file)
    }

    @Test func explainImageShowsTheFileFormAndTheVersions() {
        let postgres = ImageProfileExplanation(image: "postgres:18", library: .builtIn).text()
        #expect(postgres.contains("Profile postgres-18 "))
        #expect(postgres.contains("tag 18 is within versions >=18"))
        #expect(postgres.contains("Settings read from a file (plaintext-secret moves them to a Compose secret)"))
        #expect(postgres.contains("  POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB, POSTGRES_INITDB_ARGS\n  as NAME_FILE=/run/secrets/name"))
        let grafana = ImageProfileExplanation(image: "grafana/grafana:11.2.0", library: .builtIn).text()
        #expect(grafana.contains("  as NAME__FILE=/run/secrets/name"))
        let redis = ImageProfileExplanation(image: "redis:7.4", library: .builtIn).text()
        #expect(!redis.contains("Settings read from a file"))
    }

    @Test func imagesWithoutAFileForm() {
        for image in ["redis:7.4", "nginx:1.27", "python:3.12-slim"] {
            #expect(ImageProfileLibrary.builtIn.match(image)?.profile.secretFiles == nil, "\(image)")
        }
    }
}
