import BattenYAML

/// A service whose image answers without credentials, published beyond the host: a cache, a
/// database or a dashboard anyone on the network can use. What counts as authenticated comes from
/// the image's profile (`batten explain-image IMAGE`).
public struct UnauthenticatedServiceRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "unauthenticated-service",
        title: "Service without authentication published on the network",
        rationale: """
            Some images answer every client unless they are told to ask for credentials: the Redis and Valkey images \
            turn protected mode off, Memcached has no authentication without SASL, MongoDB starts without access \
            control unless a root user is configured, Prometheus serves its API to anyone, MinIO and Grafana fall back \
            to documented default passwords, and `POSTGRES_HOST_AUTH_METHOD=trust` lets anyone log in. On the Compose \
            network that is a choice; published on a host address other than loopback it is an open database, cache or \
            dashboard, found by automated scans within hours and used to read data, plant keys or take over the host. \
            The rule knows what turns authentication on and off from the image's profile; images without a profile \
            are not checked.
            """,
        remediation: """
            Turn authentication on with the setting the finding names (a password from a secret, an ACL file), or \
            do not publish the port: other services reach it on the Compose network, and a port bound to 127.0.0.1 \
            is reachable only from the host.
            """,
        severity: .high,
        family: .hostIsolation,
        references: [
            .cisDocker("5.14"),
            .url("https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/"),
            .url("https://hub.docker.com/_/redis"),
        ],
        formats: [.compose],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  cache:
                    image: redis:7.4
                    ports:
                      - ↓"6379:6379"
                """, note: "The redis image turns protected mode off: without `--requirepass` anyone can connect."),
            .triggering(
                .compose,
                """
                services:
                  db:
                    image: postgres:17.2
                    environment:
                      ↓POSTGRES_HOST_AUTH_METHOD: trust
                    ports:
                      - "5432:5432"
                  sessions:
                    image: memcached:1.6
                    ports:
                      - ↓"10.0.0.5:11211:11211"
                """),
            .passing(
                .compose,
                """
                services:
                  cache:
                    image: redis:7.4
                    command: ["redis-server", "--requirepass", "${REDIS_PASSWORD:?set REDIS_PASSWORD}"]
                    ports:
                      - "6379:6379"
                  local:
                    image: redis:7.4
                    ports:
                      - "127.0.0.1:6380:6379"
                  internal:
                    image: memcached:1.6
                    expose:
                      - "11211"
                  db:
                    image: postgres:17.2
                    environment:
                      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                    ports:
                      - "5432:5432"
                """, note: "A password, a loopback address or no published port: nothing is open to the network."),
            .passing(
                .compose,
                """
                services:
                  cache:
                    image: example/cache:1.0
                    ports:
                      - "6379:6379"
                """, note: "Images without a profile are not checked."),
        ])

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard let container = workload.containers.first, let match = context.imageProfile(for: workload),
            let authentication = match.profile.authentication
        else { return [] }
        let exposure = Self.exposure(container, workload: workload, ports: authentication.ports)
        guard let exposure else { return [] }
        let settings = ServiceConditions(container, workload: workload)
        let who = FindingTarget(workload, container: container).displayName
        if let condition = authentication.insecureWhen.first(where: { settings.holds($0) }) {
            let node = settings.node(of: condition) ?? exposure.node
            return [
                context.finding(
                    "\(who) answers without authentication on \(exposure.text): \(condition) turns it off (\(match.phrase)). \(authentication.risk) \(authentication.remediation)",
                    at: node, in: workload, container: container, setting: "authentication")
            ]
        }
        guard !authentication.securedBy.isEmpty, !authentication.securedBy.contains(where: { settings.holds($0) }) else { return [] }
        return [
            context.finding(
                "\(who) answers without authentication on \(exposure.text): nothing turns it on (\(Self.describe(authentication.securedBy)); \(match.phrase)). \(authentication.risk) \(authentication.remediation)",
                at: exposure.node, in: workload, container: container, setting: "authentication")
        ]
    }

    /// `MONGO_INITDB_ROOT_USERNAME in the environment, or --auth, --keyFile in the command`.
    static func describe(_ conditions: [ImageProfile.Condition]) -> String {
        var variables: [String] = []
        var arguments: [String] = []
        for condition in conditions {
            switch condition {
            case .environment(let name, let value?): variables.append("\(name)=\(value)")
            case .environment(let name, nil): variables.append(name)
            case .argument(let pattern): arguments.append("`\(pattern)`")
            }
        }
        var parts: [String] = []
        if !variables.isEmpty { parts.append(variables.joined(separator: ", ") + " in the environment") }
        if !arguments.isEmpty { parts.append(arguments.joined(separator: ", ") + " in the command") }
        return parts.joined(separator: ", or ")
    }

    /// The first port that reaches the network (all interfaces or a non-loopback address; every port
    /// with `network_mode: host`), limited to `ports` when the profile names the service's ports.
    static func exposure(_ container: Container, workload: Workload, ports: [Int]) -> (node: NodeRef, text: String)? {
        if workload.hostNetwork?.value == true, let hostNetwork = workload.hostNetwork {
            return (hostNetwork.node, "the host's network (`network_mode: host`)")
        }
        for port in container.ports {
            guard !isLoopback(port.hostIP), ports.isEmpty || PortOnAllInterfacesRule.touches(port, Set(ports.map(String.init))) else {
                continue
            }
            let address = port.hostIP.flatMap { $0.isEmpty ? nil : $0 } ?? "every interface"
            let published = port.published.flatMap { $0.isEmpty ? nil : $0 } ?? "a random port"
            return (port.node, "\(address == "every interface" ? address : "address " + address), port \(published)")
        }
        return nil
    }

    /// True for 127.0.0.0/8, ::1 and localhost.
    static func isLoopback(_ address: String?) -> Bool {
        guard var text = address?.trimmingWhitespace.lowercased(), !text.isEmpty else { return false }
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        return text == "::1" || text == "localhost" || text.hasPrefix("127.")
    }
}
