import BattenYAML
import Foundation
import Testing

@testable import Batten

/// The redaction pass: what it finds on nodes and on lines, and how it masks quoted lines, diffs,
/// messages and the loaded configuration.
@Suite struct SecretRedactionTests {
    static let secret = "BATTEN-FAKE-SECRET-7f3a"

    /// The text of `yaml` with every range ``SecretScan`` finds replaced by `***`.
    static func scanned(_ yaml: String) -> String {
        let stream = YAMLParser.parse(yaml, path: "test.yaml")
        let redaction = SecretRedaction(workloads: [], documents: stream.documents, policy: nil)
        return redaction.maskedLines(of: Array(yaml.utf8), path: "test.yaml").joined()
    }

    @Test(
        "every value of a Secret is masked, whatever the style",
        arguments: [
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  connection: \(secret)\ndata:\n  other: \(secret)\n",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {connection: \(secret), other: \"\(secret)\"}\n",
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\"},\"stringData\":{\"connection\":\"\(secret)\"}}\n",
            "kind: Secret\nstringData:\n  config.json: |\n    {\"url\": \"\(secret)\"}\n",
        ])
    func secretObjects(_ yaml: String) {
        let masked = Self.scanned(yaml)
        #expect(!masked.contains(Self.secret), "\(masked)")
        #expect(masked.contains("***"))
    }

    @Test(
        "secret flags, assignments, annotations and env entries are masked on nodes",
        arguments: [
            "command: redis-server --requirepass \(secret) --port 6379\n",
            "args: [\"--requirepass\", \"\(secret)\"]\n",
            "args:\n- --requirepass\n- \(secret)\n",
            "args:\n- --password=\(secret)\n",
            "command: [\"serve\", \"--db-password=\(secret)\"]\n",
            "command: sh -c 'DB_TOKEN=\(secret) ./run'\n",
            "annotations:\n  example.com/auth-token: \(secret)\n",
            "env:\n- name: API_TOKEN\n  value: \(secret)\n",
            "env: [{name: API_TOKEN, value: \(secret)}]\n",
            "environment: {DB_PASSWORD: \(secret)}\n",
            "environment:\n  - DB_PASSWORD=\(secret)\n",
            "url: postgres://app:\(secret)@db:5432/app\n",
        ])
    func nodeScan(_ yaml: String) {
        let masked = Self.scanned(yaml)
        #expect(!masked.contains(Self.secret), "\(masked)")
    }

    @Test(
        "references and harmless values stay readable",
        arguments: [
            "environment: {DB_PASSWORD: \"${DB_PASSWORD}\"}\n",
            "environment: {DB_PASSWORD: \"${DB_PASSWORD:?DB_PASSWORD must be set}\"}\n",
            "environment:\n  - DB_PASSWORD=${DB_PASSWORD:?DB_PASSWORD must be set}\n",
            "env:\n- name: DB_PASSWORD\n  valueFrom: {secretKeyRef: {name: db, key: password}}\n",
            "environment: {DB_PASSWORD_FILE: /run/secrets/db, AUTH_ENABLED: \"true\"}\n",
            "args: [\"--port\", \"6379\"]\n",
        ])
    func harmless(_ yaml: String) {
        #expect(Self.scanned(yaml) == yaml)
    }

    @Test(
        "a line without nodes shows no secret",
        arguments: [
            "      DB_PASSWORD: \(secret)",
            "    environment: {API_TOKEN: \(secret), LOG: info}",
            "{\"kind\":\"Secret\",\"stringData\":{\"connection\":\"\(secret)\"}}",
            "    - {name: DB_PASSWORD, value: \(secret)}",
            "    command: redis-server --requirepass \(secret)",
            "    args: [\"--requirepass\", \"\(secret)\"]",
            "    - --password=\(secret)",
            "    example.com/auth-token: \"\(secret)\"",
            "      - WORKER_SECRET=\(secret)",
            "      DB_PASSWORD: \"\(secret)${\"",
            "url: redis://:\(secret)@cache:6379/0",
        ])
    func lineScan(_ line: String) {
        let masked = SecretRedaction(joining: []).masked(line).text
        #expect(!masked.contains(Self.secret), "\(masked)")
        #expect(masked.contains("***"))
    }

    @Test func aLineKeepsItsCommentAndItsReferences() {
        let redaction = SecretRedaction(joining: [])
        #expect(redaction.masked("      DB_PASSWORD: hunter22   # rotate").text == "      DB_PASSWORD: ***   # rotate")
        let required = "      - DB_PASSWORD=${DB_PASSWORD:?DB_PASSWORD must be set}"
        #expect(redaction.masked(required).text == required)
        #expect(redaction.masked("    image: postgres:16.4").text == "    image: postgres:16.4")
    }

    @Test func theCaretFollowsTheMask() throws {
        let yaml = "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {a: \(Self.secret), b: x}\n"
        let result = try ReporterTestSupport.result(yaml, name: "secret.yaml")
        let redaction = SecretRedaction(result)
        let source = try #require(result.loaded.sources["secret.yaml"])
        let masked = redaction.maskedLine(4, of: source, column: 42)
        #expect(masked.text == "stringData: {a: ***, b: ***}")
        #expect(masked.column == 22)
    }

    @Test func aDiffMasksRemovedContextAndAddedLines() {
        let old = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: app
            spec:
              containers:
              - name: app
                image: example/app:1.0
                args: ["--requirepass", "\(Self.secret)"]
                env:
                - name: API_TOKEN
                  value: \(Self.secret)

            """
        let new = old.replacingOccurrences(
            of: "    image: example/app:1.0\n", with: "    image: example/app:1.0\n    securityContext: {args: \"--password=\(Self.secret)\"}\n"
        )
        .replacingOccurrences(of: "      value: \(Self.secret)\n", with: "      value: \(Self.secret)x\n")
        for diff in [
            UnifiedDiff.render(old: Array(old.utf8), new: Array(new.utf8), path: "pod.yaml"),
            UnifiedDiff.render(
                old: Array(old.utf8), new: Array(new.utf8), path: "pod.yaml",
                secrets: SecretRedaction(parsing: Array(old.utf8), path: "pod.yaml")),
        ] {
            #expect(!diff.contains(Self.secret), "\(diff)")
            #expect(diff.contains(" " + "    args: [\"--requirepass\", ***"), "\(diff)")
            #expect(diff.contains("-      value: ***\n"), "\(diff)")
            #expect(diff.contains("+    securityContext: {args: \"--password=***"), "\(diff)")
        }
    }

    @Test func messagesLoseTheRunsValuesOnly() throws {
        let result = try ReporterTestSupport.result("services:\n  app:\n    image: example/app:1.0\n    environment: {DB_PASSWORD: \(Self.secret)}\n")
        let redaction = SecretRedaction(result)
        #expect(redaction.maskedMessage("value \(Self.secret) is wrong") == "value *** is wrong")
        // A message is Batten's text: a path that looks like a key is not cut.
        #expect(redaction.maskedMessage(".git-credentials: warning: skipped") == ".git-credentials: warning: skipped")
    }

    @Test func diagnosticsQuoteNoFileThatIsNotYAML() {
        let source = SourceFile(path: ".git-credentials", bytes: Array("https://someone:\(Self.secret)@git.example.com\n".utf8))
        let position = SourcePosition(offset: 0, line: 1, column: 1)
        let error = Diagnostic(level: .error, path: ".git-credentials", position: position, message: "not YAML")
        let rendered = DiagnosticRedaction.render(error, source: source, secrets: SecretRedaction(joining: []))
        #expect(rendered == ".git-credentials:1:1: error: not YAML")
        var refused = Diagnostic(level: .error, path: "compose.yaml", position: position, message: "not a mapping")
        refused.quotesSource = false
        #expect(!DiagnosticRedaction.render(refused, source: source, secrets: SecretRedaction(joining: [])).contains("someone"))
        let yaml = SourceFile(path: "compose.yaml", bytes: Array("DB_PASSWORD: \"\(Self.secret)${\"\n".utf8))
        let quoted = Diagnostic(level: .error, path: "compose.yaml", position: SourcePosition(offset: 13, line: 1, column: 14), message: "bad")
        #expect(
            DiagnosticRedaction.render(quoted, source: yaml, secrets: SecretRedaction(joining: []))
                == "compose.yaml:1:14: error: bad\nDB_PASSWORD: ***\n             ^")
    }

    @Test func configMasksSecretsAndKeepsTheRest() {
        let config = JSONValue.object([
            (
                "services",
                .object([
                    (
                        "app",
                        .object([
                            ("image", .string("example/app:1.0")),
                            ("command", .array([.string("serve"), .string("--requirepass"), .string(Self.secret), .string("--token=\(Self.secret)")])),
                            (
                                "environment",
                                .object([
                                    ("DB_PASSWORD", .string(Self.secret)), ("LOG_LEVEL", .string("info")),
                                    ("CACHE_URL", .string("redis://:\(Self.secret)@cache:6379")),
                                ])
                            ),
                            ("labels", .object([("example.auth-token", .string(Self.secret))])),
                        ])
                    )
                ])
            ),
            ("secrets", .object([("db", .object([("content", .string(Self.secret))]))])),
            ("env", .array([.object([("name", .string("API_TOKEN")), ("value", .string(Self.secret))])])),
        ])
        let masked = ConfigRedaction.masked(config).render(pretty: false)
        #expect(!masked.contains(Self.secret), "\(masked)")
        #expect(masked.contains("\"LOG_LEVEL\":\"info\""))
        #expect(masked.contains("\"--token=***\""))
        #expect(masked.contains("redis://:***@cache:6379"))
    }
}
