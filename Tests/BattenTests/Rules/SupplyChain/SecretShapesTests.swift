import Testing

@testable import Batten

/// Values that are secrets by their shape, and the many that only look a little like one.
struct SecretShapesTests {
    struct Shaped: Sendable, CustomTestStringConvertible {
        var value: String
        var shape: String
        var testDescription: String { shape }
    }

    static let secrets: [Shaped] = [
        Shaped(value: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----", shape: "a PEM private key"),
        Shaped(value: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", shape: "a PEM private key"),
        Shaped(
            value: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n-----END EC PRIVATE KEY-----",
            shape: "a PEM private key"),
        Shaped(
            value: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----",
            shape: "a PEM private key"),
        Shaped(
            value: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----",
            shape: "a PEM private key"),
        Shaped(value: "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF0x\n-----END PGP PRIVATE KEY BLOCK-----", shape: "a PEM private key"),
        Shaped(value: "AKIAQ3EXAMPLE7KEY4ZX", shape: "an AWS access key ID"),
        Shaped(value: "ASIAY34FZKBOKMUTVV7A", shape: "an AWS access key ID"),
        Shaped(value: "ghp_R8mKq2Lw9XzP4vN7tB3sY6hJ1cF5dG0aE2uQ", shape: "a GitHub token"),
        Shaped(value: "gho_16C7e42F292c6912E7710c838347Ae178B4a", shape: "a GitHub token"),
        Shaped(value: "ghs_16C7e42F292c6912E7710c838347Ae178B4a", shape: "a GitHub token"),
        Shaped(value: "ghu_16C7e42F292c6912E7710c838347Ae178B4a", shape: "a GitHub token"),
        Shaped(value: "github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg", shape: "a GitHub token"),
        Shaped(value: "glpat-Xq4Rk8Lm2Nz7Pw9Tb3Vc", shape: "a GitLab token"),
        Shaped(value: "xoxb-2048-9317-Hq7KzR2mWx4pTb8sNv3cLd6f", shape: "a Slack token"),
        Shaped(value: "xoxp-1234567890-0987654321-Hq7KzR2mWx4p", shape: "a Slack token"),
        Shaped(value: "sk_live_51HqLyjWDarjtT1zdp7dcXq4Rk8Lm", shape: "a Stripe live secret key"),
        Shaped(value: "rk_live_51HqLyjWDarjtT1zdp7dcXq4Rk8Lm", shape: "a Stripe live secret key"),
        Shaped(value: "AIzaSyD3kq8Zr2mWx4pTb8sNv3cLd6fGh1jK0aE", shape: "a Google API key"),
        Shaped(value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXBsb3llciJ9.Xk3v9Qm2LpT7wZr8YbNc4Hd6Fs1Ga0Je", shape: "a JSON Web Token"),
        Shaped(value: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXBsb3llciJ9.Xk3v9Qm2LpT7wZr8YbNc4Hd6Fs1Ga0Je", shape: "a JSON Web Token"),
        Shaped(value: "token ghp_R8mKq2Lw9XzP4vN7tB3sY6hJ1cF5dG0aE2uQ", shape: "a GitHub token"),
        Shaped(value: "k8Qz3mW7pX2rT9vL4nY6bH1cF5jD0sGe", shape: "a generated secret (32 random characters)"),
        Shaped(value: "Gh7kP2mQ9xR4vT8zW1nB5cY3jL6dF0sA/uE+iO2K", shape: "a generated secret (40 random characters)"),
        Shaped(value: "sk_test_4eC39HqLyjWDarjtT1zdp7dc", shape: "a Stripe test secret key"),
        Shaped(value: "Zm9vYmFyOTg3NjU0MzIxAAECAwQFBgcICQoLDA0ODxAREhM=", shape: "a generated secret (48 random characters)"),
        Shaped(value: "q3T9vX2mL7pR4wZ8nK1cB6yH0fJ5sD2gA9eU", shape: "a generated secret (36 random characters)"),
    ]

    @Test(arguments: secrets)
    func secretsByShape(_ example: Shaped) {
        #expect(SecretShapes.shape(of: example.value) == example.shape, "\(example.value.prefix(12))…")
        if !example.value.contains("-----BEGIN") {
            #expect(!SecretShapes.ranges(in: Array(example.value.utf8)[...]).isEmpty, "masked in reports")
        }
    }

    static let notSecrets = [
        "sha256:3b0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c",
        "nginx@sha256:3b0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "9fceb02d0ae598e95dc970b74767f19372d61af8",
        "d41d8cd98f00b204e9800998ecf8427e",
        "550e8400-e29b-41d4-a716-446655440000",
        "{550E8400-E29B-41D4-A716-446655440000}",
        "2.14.0-rc.1+build.20240611",
        "v1.29.3-eks-ae9a62a",
        "SGVsbG8sIHdvcmxkISBUaGlzIGlzIGp1c3QgY29uZmln",
        "eyJsb2dMZXZlbCI6ImluZm8iLCJyZXRyaWVzIjozfQ==",
        "com.example.worker.ReportGenerationJobScheduler",
        "enableNewCheckoutFlowForAllUsersInRegion",
        "ThisIsAVeryLongCamelCaseIdentifierName2024",
        "-Xms512m -Xmx2048m -XX:+UseG1GC -XX:MaxGCPauseMillis=200",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk7x2Q9mVYwq3sLZp0nR8tF4uJcXbH6aE1dK5oN2yW3 ci@example",
        "AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA8XqP3mK2bT9",
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----",
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
        "db-primary-01.internal.example.com",
        "https://hooks.example.com/services/build/notify",
        "/var/lib/app/data/cache/objects",
        "Europe/Berlin",
        "production",
        "ghp_short",
        "AKIA-not-a-key-id",
        "AKIAexample12345678",
        "sk_test_do_not_use",
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        "the quick brown fox jumps over the lazy dog 42 times",
        "0123456789abcdefABCDEF0123456789",
        "projects/my-project-123/locations/europe-west1",
        "arn:aws:iam::123456789012:role/service-role/app",
        "registry.example.com:5000/team/app:2.1.0",
    ]

    @Test(arguments: notSecrets)
    func notSecretsByShape(_ value: String) {
        #expect(SecretShapes.shape(of: value) == nil)
        #expect(SecretShapes.ranges(in: Array(value.utf8)[...]).isEmpty)
    }

    @Test func entropyOfRandomAndRepetitiveText() {
        #expect(SecretShapes.entropy(Array("aaaaaaaa".utf8)[...]) == 0)
        #expect(SecretShapes.entropy(Array("abcd".utf8)[...]) == 2)
        #expect(SecretShapes.entropy(Array("k8Qz3mW7pX2rT9vL4nY6bH1cF5jD0sGe".utf8)[...]) > 4.5)
    }

    @Test func base64Decoding() {
        #expect(SecretShapes.base64Decoded(Array("aGVsbG8=".utf8)[...]) == Array("hello".utf8))
        #expect(SecretShapes.base64Decoded(Array("aGVsbG8".utf8)[...]) == Array("hello".utf8))
        #expect(SecretShapes.base64Decoded(Array("a?b".utf8)[...]) == nil)
    }

    @Test func aPEMKeyUnderAnInnocentNameIsFound() throws {
        let findings = try RuleHarness.audit(
            PlaintextSecretRule.self, .kubernetes,
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: web
                image: nginx:1.27.2
                env:
                - name: TLS_MATERIAL
                  value: |
                    -----BEGIN PRIVATE KEY-----
                    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7
                    -----END PRIVATE KEY-----
            """)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.message.contains("TLS_MATERIAL to a value that looks like a PEM private key"))
        #expect(!finding.message.contains("MIIE"))
    }

    @Test func theURLCredentialScansAgree() {
        for (text, embeds) in [
            ("postgres://app:hunter2@db:5432/app", true), ("redis://:s3cr3t@cache:6379/0", true),
            ("postgres://app:${DB_PASSWORD}@db/app", false), ("postgres://app:@db/app", false),
            ("https://example.com/path?user=a@b", false), ("mailto:ops@example.com", false),
        ] {
            #expect(SecretHeuristics.embedsURLCredentials(text) == embeds, "\(text)")
            #expect(SecretArguments.urlPasswordRanges(in: Array(text.utf8)[...]).isEmpty == !embeds, "\(text)")
        }
    }
}
