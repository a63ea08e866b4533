import BattenYAML

/// A secret written into the manifest as an environment variable's value.
public struct PlaintextSecretRule: Rule {
    public init() {}

    static let namePatterns = RuleParameter<[String]>(
        name: "name-patterns", default: SecretHeuristics.defaultNamePatterns,
        summary: "Variable name fragments that mark a secret, matched case-insensitively on whole `_`-separated words.")

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
            a password in a URL (`postgres://user:pass@db`). Under any name, a value that is a secret by its \
            shape: a PEM private key, a token of a well-known format (AWS access key IDs, GitHub, GitLab, \
            Slack, Stripe live keys, Google API keys, signed JWTs) or a long random string that mixes upper \
            case, lower case and digits (hexadecimal checksums, digests, commits and UUIDs, version strings \
            and base64 of readable text are not). Interpolated values (`${DB_PASSWORD}`) and \
            Kubernetes `valueFrom.secretKeyRef` are fine. Findings point at the entry \
            (Compose) or its `value:` (Kubernetes) and never show the value. The `data` of a Kubernetes \
            ConfigMap, which is not a Secret, is judged the same way (and the keys of its `binaryData` by \
            their name).
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
        parameters: [namePatterns],
        fixKinds: [.safe, .known, .decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  db:
                    image: postgres:16.4
                    environment:
                      POSTGRES_USER: app
                      ↓POSTGRES_PASSWORD: postgres
                      PGDATA: /var/lib/postgresql/data/pgdata
                """,
                corrected: """
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
            .triggering(
                .compose,
                """
                services:
                  api:
                    image: example/api:3.1
                    environment:
                      - ↓DATABASE_URL=postgres://app:hunter2@db:5432/app
                      - ↓STRIPE_API_KEY=${STRIPE_API_KEY:-sk_test_do_not_use}
                      - LOG_LEVEL=info
                """,
                corrected: """
                    services:
                      api:
                        image: example/api:3.1
                        environment:
                          - DATABASE_URL=${DATABASE_URL:?DATABASE_URL must be set}
                          - STRIPE_API_KEY=${STRIPE_API_KEY:?STRIPE_API_KEY must be set}
                          - LOG_LEVEL=info
                    """, files: [".env": "DATABASE_URL=postgres://db/app\nSTRIPE_API_KEY=from-the-deployment-environment\n"]),
            .passing(
                .compose,
                """
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
            .triggering(
                .compose,
                """
                services:
                  deployer:
                    image: example/deployer:2.0
                    environment:
                      ↓SIGNING_MATERIAL: |
                        -----BEGIN RSA PRIVATE KEY-----
                        MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgwMbRvI0MBZhpI
                        -----END RSA PRIVATE KEY-----
                      ↓GH_CONNECTION: ghp_R8mKq2Lw9XzP4vN7tB3sY6hJ1cF5dG0aE2uQ
                      ↓UPSTREAM: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXBsb3llciJ9.Xk3v9Qm2LpT7wZr8YbNc4Hd6Fs1Ga0Je
                      ↓SERVICE_KEY_B: ${SERVICE_KEY_B:-k8Qz3mW7pX2rT9vL4nY6bH1cF5jD0sGe}
                      ↓AWS_ACCESS_KEY_ID: AKIAQ3EXAMPLE7KEY4ZX
                      LOG_LEVEL: info
                """,
                corrected: """
                    services:
                      deployer:
                        image: example/deployer:2.0
                        environment:
                          SIGNING_MATERIAL: ${SIGNING_MATERIAL:?SIGNING_MATERIAL must be set}
                          GH_CONNECTION: ${GH_CONNECTION:?GH_CONNECTION must be set}
                          UPSTREAM: ${UPSTREAM:?UPSTREAM must be set}
                          SERVICE_KEY_B: ${SERVICE_KEY_B:?SERVICE_KEY_B must be set}
                          AWS_ACCESS_KEY_ID: ${AWS_ACCESS_KEY_ID:?AWS_ACCESS_KEY_ID must be set}
                          LOG_LEVEL: info
                    """,
                files: [
                    ".env":
                        "SIGNING_MATERIAL=from-the-deployment-environment\nGH_CONNECTION=from-the-deployment-environment\nUPSTREAM=from-the-deployment-environment\nSERVICE_KEY_B=from-the-deployment-environment\nAWS_ACCESS_KEY_ID=from-the-deployment-environment\n"
                ],
                note:
                    "values that are secrets by their shape (a PEM private key, a GitHub token, a JWT, a random string, an AWS key ID) are found whatever their name"
            ),
            .passing(
                .compose,
                """
                services:
                  worker:
                    image: example/worker:4.1@sha256:3b0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c
                    environment:
                      BASE_IMAGE: nginx@sha256:3b0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c
                      GIT_COMMIT: 9fceb02d0ae598e95dc970b74767f19372d61af8
                      ARCHIVE_SHA256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                      INSTANCE_ID: 550e8400-e29b-41d4-a716-446655440000
                      RELEASE: 2.14.0-rc.1+build.20240611
                      GREETING: SGVsbG8sIHdvcmxkISBUaGlzIGlzIGp1c3QgY29uZmln
                      CLASS_NAME: com.example.worker.ReportGenerationJobScheduler
                      FEATURE_FLAGS: enableNewCheckoutFlowForAllUsersInRegion
                      JAVA_OPTS: -Xms512m -Xmx2048m -XX:+UseG1GC -XX:MaxGCPauseMillis=200
                      DEPLOY_KEY_PUB: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk7x2Q9mVYwq3sLZp0nR8tF4uJcXbH6aE1dK5oN2yW3 ci@example
                      STRIPE_MODE: test
                """, note: "digests, checksums, commits, UUIDs, versions, base64 of text, identifiers and public keys are not secrets"),
            .triggering(
                .kubernetes,
                """
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
                """,
                corrected: """
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
                              valueFrom:
                                secretKeyRef:
                                  name: api-secrets
                                  key: apiToken
                            - name: CACHE_URL
                              valueFrom:
                                secretKeyRef:
                                  name: api-secrets
                                  key: CACHE_URL
                            - name: LOG_LEVEL
                              value: info
                    """, note: "a decision: the edit is applied with --include decisions, once the Secret api-secrets holds the values"),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notifier
                spec:
                  containers:
                  - name: notifier
                    image: example/notifier:1.8
                    env:
                    - name: SLACK_HOOK_CONFIG
                      ↓value: xoxb-2048-9317-Hq7KzR2mWx4pTb8sNv3cLd6f
                    - name: MAPS
                      ↓value: AIzaSyD3kq8Zr2mWx4pTb8sNv3cLd6fGh1jK0aE
                    - name: GITLAB
                      ↓value: glpat-Xq4Rk8Lm2Nz7Pw9Tb3Vc
                    - name: BILLING
                      ↓value: sk_live_51HqLyjWDarjtT1zdp7dcXq4Rk8Lm
                    - name: REGION
                      value: eu-west-1
                """),
            .passing(
                .kubernetes,
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
                      valueFrom:
                        secretKeyRef:
                          name: db
                          key: password
                    - name: DATABASE_URL
                      value: postgres://app:$(DB_PASSWORD)@db:5432/app
                    - name: TOKEN_TTL
                      value: "3600"
                """),
        ] + configMapExamples)

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
        let patterns = SecretNameMatcher.of(context.value(of: Self.namePatterns))
        var findings: [Finding] = []
        var secretKeys = KubernetesSecretMigration.Keys()
        for container in workload.containers {
            // Named only for a finding: most containers have none.
            var name: String { FindingTarget(workload, container: container).displayName }
            for variable in container.environment {
                guard let hint = Self.exposure(of: variable, format: workload.format, patterns: patterns) else { continue }
                switch workload.format {
                case .compose:
                    if let fix = context.imageProfile(for: workload).flatMap({ ComposeSecretMigration.fix(for: variable, in: workload, profile: $0) }) {
                        findings.append(
                            context.finding(
                                "\(name) sets \(variable.name) to \(hint): it is readable in the repository and in "
                                    + "`docker inspect`; move it to a Compose secret, which the image reads from a file, and rotate it",
                                at: variable.node, in: workload, container: container, setting: "environment.\(variable.name)", fix: fix))
                        continue
                    }
                    let replacement = "${\(variable.name):?\(variable.name) must be set}"
                    let change = Self.requireFromEnvironment(variable, replacement: replacement, in: workload)
                    findings.append(
                        context.finding(
                            "\(name) sets \(variable.name) to \(hint): it is readable in the repository and in "
                                + "`docker inspect`; take it from the environment (`${\(variable.name):?…}`) or use Compose "
                                + "secrets, and rotate it",
                            at: variable.node, in: workload, container: container, setting: "environment.\(variable.name)",
                            fix: Fix(title: "Require \(variable.name) from the environment", kind: .safe, changes: [change])))
                case .kubernetes:
                    findings.append(
                        context.finding(
                            "\(name) sets \(variable.name) to \(hint): anyone who can read the manifest or the pod has "
                                + "it; move it to a Secret, use valueFrom.secretKeyRef, and rotate it",
                            at: variable.valueNode ?? variable.node, in: workload, container: container,
                            setting: "env.\(variable.name)",
                            fix: KubernetesSecretMigration.fix(
                                for: variable, key: secretKeys.key(for: variable, value: variable.value ?? "", container: container.name),
                                container: container, in: workload)))
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
        guard patterns.matches(variable.name) else { return shapeExposure(of: variable, format: format) }
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

    /// A redacted description of a value that is a secret by its shape (``SecretShapes``), under a
    /// name that does not say so: a literal value, or a literal Compose `${…}` default.
    static func shapeExposure(of variable: EnvironmentVariable, format: InputFormat) -> String? {
        guard let value = variable.value else { return nil }
        if variable.isLiteral {
            return SecretShapes.shape(of: value).map { "a value that looks like \($0)" }
        }
        guard format == .compose, variable.isInterpolated, let raw = variable.rawValue else { return nil }
        for literal in SecretHeuristics.literalDefaults(in: raw) {
            if let shape = SecretShapes.shape(of: literal) { return "a `${…}` default that looks like \(shape)" }
        }
        return nil
    }
}
