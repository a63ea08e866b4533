/// The plaintext-secret rule on Kubernetes ConfigMaps: a ConfigMap is not a Secret, so a key that
/// names a secret with a literal value, or a value that is a secret by its shape, is exposed to
/// anyone who may read ConfigMaps. Same heuristics as for environment values; no fix, since the
/// workloads that read the key must change too: a decision with a snippet that never shows the value.
extension PlaintextSecretRule: ConfigMapRule {
    public func check(_ configMap: KubernetesConfigMap, context: RuleContext) -> [Finding] {
        let patterns = SecretNameMatcher.of(context.value(of: Self.namePatterns))
        var findings: [Finding] = []
        for entry in configMap.entries {
            guard let hint = Self.exposure(of: entry, patterns: patterns) else { continue }
            let field = entry.isBinary ? "binaryData" : "data"
            findings.append(
                Finding(
                    ruleID: context.ruleID, severity: context.severity,
                    message: "\(configMap.target.displayName) holds \(field) key \(entry.key) with \(hint): a ConfigMap is "
                        + "not a Secret, anyone who can read the manifest or the ConfigMap has it; move it to a Secret "
                        + "and rotate it",
                    location: SourceLocation(entry.node), target: configMap.target, setting: entry.setting,
                    fix: Self.moveToSecret(entry, of: configMap)))
        }
        return findings
    }

    /// A redacted description of how `entry` exposes a secret, or nil when it does not. The keys of
    /// `binaryData` are judged by their name only.
    static func exposure(of entry: ConfigMapEntry, patterns: SecretNameMatcher) -> String? {
        let value = entry.value
        if entry.isBinary {
            guard patterns.matches(entry.key), !value.trimmingWhitespace.isEmpty else { return nil }
            return "binary data under a name that looks like a secret"
        }
        if SecretHeuristics.embedsURLCredentials(value) { return "a URL with an embedded password" }
        guard patterns.matches(entry.key) else {
            return SecretShapes.shape(of: value).map { "a value that looks like \($0)" }
        }
        guard SecretHeuristics.isSecretValue(value) else { return nil }
        if SecretHeuristics.isWellKnownDefault(value) { return "a well-known default credential" }
        return "a literal value of \(value.count) characters"
    }

    /// The decision: create a Secret holding the key (with a placeholder for its value) and have
    /// the workloads read it from there. Nothing Batten can apply, so it has no changes.
    static func moveToSecret(_ entry: ConfigMapEntry, of configMap: KubernetesConfigMap) -> Fix {
        var command = "kubectl create secret generic \(configMap.name.isEmpty ? "<name>" : configMap.name)"
        if let namespace = configMap.namespace { command += " --namespace \(namespace)" }
        command += entry.isBinary ? " --from-file=\(entry.key)=<path-to-the-file>" : " --from-literal=\(entry.key)='<the-value>'"
        var fix = Fix(
            title: "Move \(entry.key) to a Secret", kind: .decision, changes: [],
            reason: "the workloads that read \(entry.key) from the ConfigMap must take it from the Secret instead "
                + "(secretKeyRef, envFrom.secretRef or a secret volume)")
        fix.snippet = [
            command,
            "# then read \(entry.key) from the Secret where the ConfigMap's key is used, remove it from the ConfigMap, and rotate the value",
        ]
        return fix
    }

    /// Examples of ConfigMaps, added to the rule's own.
    static let configMapExamples: [RuleExample] = [
        .triggering(
            .kubernetes,
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: api-settings
              namespace: shop
            data:
              LOG_LEVEL: info
              ↓DB_PASSWORD: hunter2-but-longer
              ↓cache-url: redis://:s3cr3t@cache:6379/0
              ↓signing.pem: |
                -----BEGIN EC PRIVATE KEY-----
                MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oY9n7CcBJAwzoAoGCCqGSM49
                -----END EC PRIVATE KEY-----
              ↓notifier: xoxb-2048-9317-Hq7KzR2mWx4pTb8sNv3cLd6f
            binaryData:
              ↓keystore.password: aHVudGVyMg==
            """, note: "a secret-looking key with a literal value, a URL with a password, and values that are secrets by their shape"),
        .passing(
            .kubernetes,
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: api-settings
            data:
              DB_PASSWORD: $(DB_PASSWORD)
              API_TOKEN: ${API_TOKEN}
              DB_PASSWORD_FILE: /run/secrets/db-password
              TOKEN_TTL: "3600"
              AUTH_ENABLED: "true"
              DATABASE_URL: postgres://app@db:5432/app
              IMAGE: nginx@sha256:3b0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c
              INSTANCE_ID: 550e8400-e29b-41d4-a716-446655440000
              ca.crt: |
                -----BEGIN CERTIFICATE-----
                MIIBszCCAVmgAwIBAgIUYk9Vq1nZ0Jd7bX4yZQ2hO3mP1kYwCgYIKoZIzj0EAwIw
                -----END CERTIFICATE-----
              nginx.conf: |
                server {
                  listen 8080;
                }
            binaryData:
              logo.png: iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==
            """, note: "placeholders, file paths, switches, a URL without a password, digests, UUIDs, certificates and configuration files are not secrets"),
    ]
}
