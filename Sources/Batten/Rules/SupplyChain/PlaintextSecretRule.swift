import BattenYAML

/// A secret written into the manifest as an environment variable's value.
public struct PlaintextSecretRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "plaintext-secret",
        title: "Plaintext secret in the environment",
        rationale: """
            A password or token written into a Compose file or a pod spec is in the repository and its \
            history, in every clone and CI log, and in `docker inspect` or the API server for anyone who \
            may read them. It cannot be rotated without a commit and is usually reused across \
            environments. Reported: a variable whose name looks secret (PASSWORD, SECRET, TOKEN, API_KEY … \
            as whole words; names ending in _FILE, _PATH, _URL, _USER, _ID and the like describe something \
            else) with a literal value or a literal `${NAME:-default}`, and any variable whose value embeds \
            a password in a URL (`postgres://user:pass@db`). Interpolated values (`${DB_PASSWORD}`) and \
            Kubernetes `valueFrom.secretKeyRef` are fine. Findings point at the entry \
            (Compose) or its `value:` (Kubernetes) and never show the value.
            """,
        remediation: """
            Compose: take the value from the environment and refuse to start without it \
            (`${NAME:?NAME must be set}`), or use Compose `secrets`. Kubernetes: put the value in a Secret \
            and use `valueFrom.secretKeyRef`. Then rotate the exposed value.
            """,
        severity: .high,
        family: .supplyChain,
        references: [
            .url("https://docs.docker.com/compose/how-tos/use-secrets/"),
            .url("https://kubernetes.io/docs/concepts/configuration/secret/"),
            .url("https://cwe.mitre.org/data/definitions/798.html"),
        ],
        formats: [.compose, .kubernetes],
        parameters: [
            RuleParameter(
                "name-patterns", default: .strings(SecretHeuristics.defaultNamePatterns),
                "Variable name fragments that mark a secret, matched case-insensitively on whole `_`-separated words."),
        ],
        fixKinds: [.safe, .known],
        examples: [
            .triggering(.compose, """
                services:
                  db:
                    image: postgres:16.4
                    environment:
                      POSTGRES_USER: app
                      ↓POSTGRES_PASSWORD: postgres
                      PGDATA: /var/lib/postgresql/data/pgdata
                """, corrected: """
                services:
                  db:
                    image: postgres:16.4
                    environment:
                      POSTGRES_USER: app
                      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
                      PGDATA: /var/lib/postgresql/data/pgdata
                    secrets:
                      - postgres_password
                secrets:
                  postgres_password:
                    file: ./secrets/postgres_password.txt
                """),
            .triggering(.compose, """
                services:
                  api:
                    image: example/api:3.1
                    environment:
                      - ↓DATABASE_URL=postgres://app:hunter2@db:5432/app
                      - ↓STRIPE_API_KEY=${STRIPE_API_KEY:-sk_test_do_not_use}
                      - LOG_LEVEL=info
                """, corrected: """
                services:
                  api:
                    image: example/api:3.1
                    environment:
                      - DATABASE_URL=${DATABASE_URL:?DATABASE_URL must be set}
                      - STRIPE_API_KEY=${STRIPE_API_KEY:?STRIPE_API_KEY must be set}
                      - LOG_LEVEL=info
                """, files: [".env": "DATABASE_URL=postgres://db/app\nSTRIPE_API_KEY=from-the-deployment-environment\n"]),
            .passing(.compose, """
                services:
                  api:
                    image: example/api:3.1
                    environment:
                      DB_PASSWORD: ${DB_PASSWORD}
                      DB_PASSWORD_FILE: /run/secrets/db_password
                      AUTH_ENABLED: "true"
                      JWT_SECRET: ${JWT_SECRET:?JWT_SECRET must be set}
                      DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app
                      PWD: /srv/app
                """, files: [".env": "DB_PASSWORD=from-the-deployment-environment\nJWT_SECRET=from-the-deployment-environment\n"]),
            .triggering(.kubernetes, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                spec:
                  selector:
                    matchLabels:
                      app: api
                  template:
                    metadata:
                      labels:
                        app: api
                    spec:
                      containers:
                      - name: api
                        image: example/api:3.1
                        env:
                        - name: apiToken
                          ↓value: 0f8e7d6c5b4a
                        - name: CACHE_URL
                          ↓value: redis://:s3cr3t@cache:6379/0
                        - name: LOG_LEVEL
                          value: info
                """),
            .passing(.kubernetes, """
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
                      valueFrom:
                        secretKeyRef:
                          name: db
                          key: password
                    - name: DATABASE_URL
                      value: postgres://app:$(DB_PASSWORD)@db:5432/app
                    - name: TOKEN_TTL
                      value: "3600"
                """),
        ])

    /// The change that replaces a literal value by a required variable: the map entry's value, or, in
    /// the list form (`- NAME=value`), the whole item.
    static func requireFromEnvironment(_ variable: EnvironmentVariable, replacement: String, in workload: Workload) -> Change {
        let entry = variable.node
        if let list = entry.parent, list.kind == .sequence, entry.resolved.kind == .scalar {
            let written = entry.document.value(entry.id)
            return Change(
                scope: .service, path: ["environment"],
                operation: .replaceItem(written, with: .string("\(variable.name)=\(replacement)")),
                target: workload.node, existing: list)
        }
        return Change(
            scope: .service, path: ["environment", variable.name], operation: .set(.string(replacement)),
            target: workload.node, existing: variable.valueNode ?? variable.node)
    }

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        let patterns = SecretNameMatcher.of(context.strings("name-patterns"))
        var findings: [Finding] = []
        for container in workload.containers {
            // Named only for a finding: most containers have none.
            var name: String { FindingTarget(workload, container: container).displayName }
            for variable in container.environment {
                guard let hint = Self.exposure(of: variable, format: workload.format, patterns: patterns) else { continue }
                switch workload.format {
                case .compose:
                    if let fix = context.imageProfile(for: workload).flatMap({ ComposeSecretMigration.fix(for: variable, in: workload, profile: $0) }) {
                        findings.append(context.finding(
                            "\(name) sets \(variable.name) to \(hint): it is readable in the repository and in "
                                + "`docker inspect`; move it to a Compose secret, which the image reads from a file, and rotate it",
                            at: variable.node, in: workload, container: container, setting: "environment.\(variable.name)", fix: fix))
                        continue
                    }
                    let replacement = "${\(variable.name):?\(variable.name) must be set}"
                    let change = Self.requireFromEnvironment(variable, replacement: replacement, in: workload)
                    findings.append(context.finding(
                        "\(name) sets \(variable.name) to \(hint): it is readable in the repository and in "
                            + "`docker inspect`; take it from the environment (`${\(variable.name):?…}`) or use Compose "
                            + "secrets, and rotate it",
                        at: variable.node, in: workload, container: container, setting: "environment.\(variable.name)",
                        fix: Fix(title: "Require \(variable.name) from the environment", kind: .safe, changes: [change])))
                case .kubernetes:
                    findings.append(context.finding(
                        "\(name) sets \(variable.name) to \(hint): anyone who can read the manifest or the pod has "
                            + "it; move it to a Secret, use valueFrom.secretKeyRef, and rotate it",
                        at: variable.valueNode ?? variable.node, in: workload, container: container,
                        setting: "env.\(variable.name)"))
                }
            }
        }
        return findings
    }

    /// A redacted description of how `variable` exposes a secret, or nil when it does not.
    static func exposure(of variable: EnvironmentVariable, format: InputFormat, patterns: SecretNameMatcher) -> String? {
        guard variable.valueFrom == nil, let value = variable.value else { return nil }
        let written = format == .compose ? (variable.rawValue ?? value) : value
        if SecretHeuristics.embedsURLCredentials(written) { return "a URL with an embedded password" }
        guard patterns.matches(variable.name) else { return nil }
        if variable.isLiteral {
            guard SecretHeuristics.isSecretValue(value) else { return nil }
            if SecretHeuristics.isWellKnownDefault(value) { return "a well-known default credential" }
            return "a literal value of \(value.count) characters"
        }
        guard format == .compose, variable.isInterpolated, let raw = variable.rawValue else { return nil }
        let defaults = SecretHeuristics.literalDefaults(in: raw).filter(SecretHeuristics.isSecretValue)
        guard let first = defaults.first else { return nil }
        if SecretHeuristics.isWellKnownDefault(first) { return "a well-known default credential as its `${…}` default" }
        return "a literal `${…}` default of \(first.count) characters"
    }
}
