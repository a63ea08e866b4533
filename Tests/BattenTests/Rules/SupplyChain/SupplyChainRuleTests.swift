import BattenYAML
import Testing

@testable import Batten

struct SupplyChainRuleTests {
    // MARK: Image references

    static let digest = "sha256:3b0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c"

    @Test func imageReferences() {
        let plain = ImageReference("nginx")
        #expect(plain.name == "nginx" && plain.tag == nil && plain.isMutable)
        #expect(ImageReference("nginx:latest").isMutable)
        #expect(!ImageReference("nginx:1.27").isMutable)
        let port = ImageReference("registry.example.com:5000/team/app")
        #expect(port.tag == nil && port.name == "registry.example.com:5000/team/app" && port.isMutable)
        let portTag = ImageReference("localhost:5000/app:2.1")
        #expect(portTag.tag == "2.1" && portTag.name == "localhost:5000/app")
        let pinned = ImageReference("app@\(Self.digest)")
        #expect(pinned.tag == nil && pinned.isPinnedByDigest && !pinned.isMutable)
        let both = ImageReference("app:1.2@\(Self.digest)")
        #expect(both.tag == "1.2" && both.digest == Self.digest && both.isPinnedByDigest)
        #expect(!ImageReference("app:latest@\(Self.digest)").isMutable, "a digest pins even `latest`")
        #expect(!ImageReference("app@sha256:abc").isPinnedByDigest, "a truncated digest does not pin")
        #expect(ImageReference("app@sha256:" + String(repeating: "AbC0", count: 16)).isPinnedByDigest, "upper case hex pins")
        #expect(!ImageReference("app@sha256:" + String(repeating: "ab0", count: 11) + "g").isPinnedByDigest)
        #expect(!ImageReference("app@:" + String(repeating: "ab", count: 32)).isPinnedByDigest, "a digest names its algorithm")
        // The OCI image specification writes an encoded digest in ASCII; full-width digits are not hex.
        #expect(!ImageReference("app@sha256:" + String(repeating: "\u{FF10}", count: 64)).isPinnedByDigest)
    }

    @Test func malformedDigestsSayWhatIsWrong() throws {
        #expect(ImageReference("app@\(Self.digest)").digestProblem == nil)
        #expect(ImageReference("app:1.2").digestProblem == nil)
        #expect(ImageReference("app@sha512:" + String(repeating: "ab", count: 64)).digestProblem == nil)
        #expect(ImageReference("app@sha256:123456").digestProblem == "sha256 digests have 64 hexadecimal digits, this one has 6")
        #expect(ImageReference("app@sha256:" + String(repeating: "ab", count: 40)).digestProblem?.contains("this one has 80") == true)
        #expect(ImageReference("app@sha256:" + String(repeating: "xy", count: 32)).digestProblem?.contains("other than hexadecimal") == true)
        #expect(ImageReference("app@" + String(repeating: "ab", count: 32)).digestProblem?.contains("algorithm:hex") == true)
        #expect(ImageReference("app@blake3:abc").digestProblem?.contains("at least 32") == true)

        let findings = try RuleHarness.audit(
            MutableImageRule.self, .compose,
            """
            services:
              web:
                image: nginx@sha256:123456
            """)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.message.contains("malformed digest (sha256 digests have 64 hexadecimal digits, this one has 6)"))
        #expect(!finding.message.contains("without a tag"))
    }

    @Test func requireDigestReportsTagsAtLowSeverity() throws {
        let findings = try RuleHarness.audit(
            MutableImageRule.self, .kubernetes,
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
              - name: cache
                image: redis
              ephemeralContainers:
              - name: debug
                image: busybox@\(Self.digest)
            """, parameters: ["require-digest": .bool(true)])
        #expect(findings.map(\.severity) == [.low, .medium])
        #expect(findings.map(\.location.line) == [8, 10])
        #expect(findings.allSatisfy { $0.fix == nil && $0.setting == "image" })
    }

    // MARK: Secret names and values

    @Test(arguments: [
        ("DB_PASSWORD", true), ("POSTGRES_PASSWORD", true), ("dbPassword", true), ("MYSQLPASSWORD", true),
        ("DB_PASS", true), ("DB_PWD", true), ("API_KEY", true), ("apiKey", true), ("STRIPE_APIKEY", true),
        ("AWS_SECRET_ACCESS_KEY", true), ("GITHUB_TOKEN", true), ("REDIS_AUTH", true), ("SSH_PRIVATE_KEY", true),
        ("PWD", false), ("OLDPWD", false), ("PWD_DIR", false), ("DB_PASSWORD_FILE", false), ("AUTH_URL", false),
        ("AUTH_ENABLED", false), ("TOKEN_TTL", false), ("AWS_ACCESS_KEY_ID", false), ("PASSWORDLESS_LOGIN", false),
        ("AUTHOR", false), ("LOG_LEVEL", false), ("SECRET_NAME", false), ("KEYCLOAK_TOKEN_ENDPOINT", false),
        ("GF_AUTH_ANONYMOUS_ORG_ROLE", false), ("PASS_THROUGH", false), ("GF_SECURITY_ADMIN_PASSWORD__FILE", false),
        ("GF_SECURITY_ADMIN_USER", false), ("BASIC_AUTH", true),
    ])
    func secretNames(_ name: String, _ secret: Bool) {
        #expect(SecretHeuristics.isSecretName(name, patterns: SecretHeuristics.defaultNamePatterns) == secret)
    }

    @Test func customPatternsReplaceTheDefaults() {
        #expect(SecretHeuristics.isSecretName("LICENSE_CODE", patterns: ["LICENSE_CODE"]))
        #expect(!SecretHeuristics.isSecretName("DB_PASSWORD", patterns: ["LICENSE_CODE"]))
    }

    @Test func wordsOfNames() {
        #expect(SecretHeuristics.words(of: "APIKey") == ["API", "KEY"])
        #expect(SecretHeuristics.words(of: "db-password.v2") == ["DB", "PASSWORD", "V2"])
        #expect(SecretHeuristics.words(of: "clientSecret") == ["CLIENT", "SECRET"])
    }

    @Test(arguments: [
        ("postgres://app:hunter2@db:5432/app", true), ("redis://:s3cr3t@cache:6379/0", true),
        ("amqp://guest:guest@mq", true), ("https://user@example.com", false), ("postgres://app:${DB_PASSWORD}@db/app", false),
        ("postgres://app:$(DB_PASSWORD)@db/app", false), ("http://example.com/a:b@c", false), ("plain text", false),
        ("a=https://x:y@h,b=2", true),
    ])
    func urlCredentials(_ text: String, _ embeds: Bool) {
        #expect(SecretHeuristics.embedsURLCredentials(text) == embeds)
    }

    @Test func literalDefaults() {
        #expect(SecretHeuristics.literalDefaults(in: "${A:-changeme}") == ["changeme"])
        #expect(SecretHeuristics.literalDefaults(in: "${A-x}y${B:-z}") == ["x", "z"])
        #expect(SecretHeuristics.literalDefaults(in: "${A}").isEmpty)
        #expect(SecretHeuristics.literalDefaults(in: "${A:?A must be set}").isEmpty)
        #expect(SecretHeuristics.literalDefaults(in: "${A:-${B}}").isEmpty)
        #expect(SecretHeuristics.literalDefaults(in: "$${A:-x}").isEmpty, "`$$` escapes the dollar")
        #expect(SecretHeuristics.literalDefaults(in: "${A:-").isEmpty)
    }

    @Test func valuesWorthReporting() {
        #expect(SecretHeuristics.isSecretValue("hunter2"))
        #expect(!SecretHeuristics.isSecretValue(""))
        #expect(!SecretHeuristics.isSecretValue("true"))
        #expect(!SecretHeuristics.isSecretValue("/run/secrets/db"))
        #expect(!SecretHeuristics.isSecretValue("$(OTHER)"))
    }

    // MARK: Findings

    @Test func kubernetesFindingsNeverShowTheValue() throws {
        let findings = try RuleHarness.audit(
            PlaintextSecretRule.self, .kubernetes,
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: api
            spec:
              containers:
              - name: api
                image: example/api:3.1
                env:
                - name: DB_PASSWORD
                  value: correct-horse-battery
                - name: ADMIN_PASSWORD
                  value: admin
                - name: DATABASE_URL
                  value: postgres://app:correct-horse@db/app
                - name: EMPTY_TOKEN
                  value: ""
            """)
        #expect(findings.map(\.setting) == ["env.DB_PASSWORD", "env.ADMIN_PASSWORD", "env.DATABASE_URL"])
        for finding in findings {
            #expect(!finding.message.contains("correct-horse"))
            #expect(!finding.message.contains(": admin"))
            #expect(finding.severity == .high)
            // The fix moves the value to a Secret as a decision; neither it nor its snippet holds the value.
            let fix = try #require(finding.fix)
            #expect(fix.kind == .decision)
            let shown = ([fix.title, fix.reason ?? ""] + (fix.snippet ?? [])).joined(separator: "\n")
            #expect(shown.contains("api-secrets"))
            #expect(!shown.contains("correct-horse"))
            #expect(!shown.contains(": admin"))
        }
        #expect(findings[0].message.contains("a literal value of 21 characters"))
        #expect(findings[1].message.contains("well-known default"))
        #expect(findings[2].message.contains("URL"))
    }

    @Test func composeProposalRequiresTheVariable() throws {
        let findings = try RuleHarness.audit(
            PlaintextSecretRule.self, .compose,
            """
            services:
              db:
                image: postgres:16.4
                environment:
                  POSTGRES_PASSWORD: correct-horse-battery
                  REDIS_PASSWORD: ${REDIS_PASSWORD:-changeme}
            """, files: [".env": "REDIS_PASSWORD=from-the-environment\n"])
        #expect(findings.count == 2)
        let first = try #require(findings.first { $0.setting == "environment.POSTGRES_PASSWORD" })
        #expect(first.location.line == 5)
        #expect(!first.message.contains("correct-horse"))
        // The postgres image reads POSTGRES_PASSWORD_FILE: the value moves to a Compose secret.
        let fix = try #require(first.fix)
        #expect(fix.kind == .known)
        #expect(fix.reason == "the postgres image profile reads POSTGRES_PASSWORD_FILE; write the value to ./secrets/postgres_password.txt")
        #expect(
            fix.changes.map(\.operation) == [
                .set(.string("/run/secrets/postgres_password")), .renameKey("POSTGRES_PASSWORD_FILE"), .append(.string("postgres_password")),
                .set(.mapping([("file", .string("./secrets/postgres_password.txt"))])),
            ])
        #expect(fix.changes.map(\.scope) == [.service, .service, .service, .project])
        let change = try #require(fix.changes.dropFirst().first)
        #expect(change.path == ["environment", "POSTGRES_PASSWORD"])
        #expect(change.existing?.scalar == "correct-horse-battery")
        #expect(change.target.start.line == 3)
        #expect(fix.changes.last?.path == ["secrets", "postgres_password"])
        #expect(fix.changes.last?.target.start.line == 1)
        let second = try #require(findings.first { $0.setting == "environment.REDIS_PASSWORD" })
        #expect(second.message.contains("well-known default"))
        #expect(!second.message.contains("from-the-environment"))
    }

    @Test func composeBuildsAreNotPulled() throws {
        let findings = try RuleHarness.audit(
            MutableImageRule.self, .compose,
            """
            services:
              local:
                build: .
              tagged:
                build: .
                image: example/app
                pull_policy: build
              pulled:
                build: .
                image: example/app
            """)
        #expect(findings.map(\.target.name) == ["pulled"], "with `image`, Compose tries a pull before it builds")
    }

    @Test func composeListEntriesAreReportedAtTheItem() throws {
        let findings = try RuleHarness.audit(
            PlaintextSecretRule.self, .compose,
            """
            services:
              api:
                image: example/api:3.1
                environment:
                  - API_TOKEN=abcdef123456
                  - LOG_LEVEL=info
            """)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.location.line == 5 && finding.location.column == 9)
        #expect(finding.fix?.changes.first?.path == ["environment"])
        #expect(
            finding.fix?.changes.first?.operation
                == .replaceItem(
                    .string("API_TOKEN=abcdef123456"), with: .string("API_TOKEN=${API_TOKEN:?API_TOKEN must be set}")))
        #expect(finding.fix?.changes.first?.existing?.kind == .sequence)
        #expect(!finding.message.contains("abcdef"))
    }
}
