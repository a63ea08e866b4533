import BattenYAML

/// A port published on every interface of the host.
///
/// Compose: a `ports` entry without a host address (or with `0.0.0.0` / `::`); high for database,
/// cache, broker and admin ports. What the port is for decides the rest (``PortRole``): an edge
/// proxy's or web server's own ports are its job and only an informational finding; a database's,
/// cache's, broker's or console's port is bound to the policy's `bind-address` (`known`); any other
/// port may be bound too, as a `decision`. The fix replaces the `ports` item (see
/// ``SequenceItemReplacement``). Kubernetes: any `hostPort`
/// other than 0, even with a `hostIP` (Pod Security Standards baseline); the fix removes it, known
/// for a port that only serves other pods, a decision otherwise (``hostPortRemoval(_:of:in:context:sensitive:)``).
public struct PortOnAllInterfacesRule: Rule {
    public init() {}

    /// Well-known ports of services that must not face a network: databases (PostgreSQL, MySQL,
    /// SQL Server, Oracle, MongoDB, CouchDB, Cassandra, Neo4j, CockroachDB, InfluxDB), caches and
    /// search (Redis, Memcached, Elasticsearch), brokers and coordination (RabbitMQ, Kafka,
    /// ZooKeeper, etcd, Consul), and admin APIs that mean host or cluster control (the Docker
    /// engine API, the Kubernetes API server and kubelet).
    static let defaultSensitivePorts = [
        "1433", "1521", "2181", "2375", "2376", "2379", "2380", "3306", "5432", "5672", "5984", "6379", "6443", "7474",
        "7687", "8086", "8500", "9042", "9092", "9200", "9300", "10250", "11211", "15672", "26257", "27017",
    ]

    static let sensitivePorts = RuleParameter<[String]>(
        name: "sensitive-ports", default: defaultSensitivePorts,
        summary: "Container or host ports whose exposure on all interfaces is high severity.")

    static let bindAddress = RuleParameter<String>(
        name: "bind-address", default: "127.0.0.1",
        summary: "The host address the Compose fix binds ports to.")

    public static let description = RuleDescription(
        id: "port-on-all-interfaces",
        title: "Port published on all interfaces",
        rationale: """
            A port published without a host address listens on every interface of the host, including public \
            ones, and Docker's firewall rules bypass the host firewall. A database, cache or admin port reachable \
            from the network is a common way in. In Kubernetes a hostPort ties the pod to a node port, bypasses \
            network policies and limits scheduling.
            """,
        remediation: """
            Compose: publish on a specific address (`127.0.0.1:8080:80`), or put a reverse proxy in front and do \
            not publish the backend at all. Kubernetes: remove `hostPort` and use a Service.
            """,
        severity: .medium,
        family: .hostIsolation,
        references: [.cisDocker("5.14"), .pss(.baseline, "Host Ports")],
        formats: [.compose, .kubernetes],
        parameters: [sensitivePorts, bindAddress],
        fixKinds: [.known, .decision],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: example/web:1.4
                    ports:
                      - ↓"8080:80"
                      - "127.0.0.1:8443:443"
                  db:
                    image: postgres:17.2
                    ports:
                      - ↓"0.0.0.0:5432:5432"
                      - ↓target: 6379
                        published: "6379"
                """,
                corrected: """
                    services:
                      web:
                        image: example/web:1.4
                        ports:
                          - "127.0.0.1:8080:80"
                          - "127.0.0.1:8443:443"
                      db:
                        image: postgres:17.2
                        ports:
                          - "127.0.0.1:5432:5432"
                          - target: 6379
                            published: "6379"
                            host_ip: 127.0.0.1
                    """),
            .triggering(
                .compose,
                """
                services:
                  proxy:
                    image: traefik:v3.1
                    ports:
                      - ↓"80:80"
                      - ↓"443:443"
                """,
                note: """
                    publishing its web ports is an edge proxy's job (the traefik image profile): the findings are \
                    informational and nothing is bound; a database's port is bound (`known`), an unknown image's is a \
                    `decision`
                    """),
            .passing(
                .compose,
                """
                services:
                  api:
                    image: example/api:2.3
                    expose:
                      - "9000"
                  proxy:
                    image: nginx:1.27
                    ports:
                      - "127.0.0.1:8080:80"
                      - target: 443
                        published: "8443"
                        host_ip: "::1"
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: ingress
                spec:
                  containers:
                  - name: proxy
                    image: nginx:1.27
                    ports:
                    - containerPort: 80
                      ↓hostPort: 80
                    - containerPort: 443
                      ↓hostPort: 443
                      hostIP: 127.0.0.1
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    ports:
                    - containerPort: 80
                    - containerPort: 443
                      hostPort: 0
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: db
                spec:
                  template:
                    spec:
                      containers:
                      - name: postgres
                        image: postgres:17.2
                        ports:
                        - containerPort: 5432  # the database
                          ↓hostPort: 5432
                          hostIP: 0.0.0.0
                        - {containerPort: 9187, ↓hostPort: 9187, name: metrics}
                """,
                corrected: """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: db
                    spec:
                      template:
                        spec:
                          containers:
                          - name: postgres
                            image: postgres:17.2
                            ports:
                            - containerPort: 5432  # the database
                            - {containerPort: 9187, name: metrics}
                    """,
                note: """
                    The fix removes `hostPort` and its `hostIP`. The database's port only serves other pods, which reach \
                    it through the pod network and Services (`known`); who must reach another port Batten cannot tell (a \
                    `decision`).
                    """),
        ])

    public func checkCompose(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard workload.containers.contains(where: { $0.ports.contains(where: Self.isOnAllInterfaces) }) else { return [] }
        let sensitive = Set(context.value(of: Self.sensitivePorts))
        let address = context.value(of: Self.bindAddress)
        let match = context.imageProfile(for: workload)
        var findings: [Finding] = []
        for container in workload.containers {
            for port in container.ports where Self.isOnAllInterfaces(port) {
                let who = FindingTarget(workload, container: container).displayName
                let published = port.published.map { $0.isEmpty ? "a random port" : $0 } ?? "a random port"
                let isSensitive = Self.touches(port, sensitive)
                let setting = "ports[\(port.published ?? ""):\(port.target)/\(port.proto)]"
                var message = "\(who) publishes container port \(port.target)/\(port.proto) on \(published) of every host interface"
                let role = PortRole.of(port, profile: match, sensitive: isSensitive)
                if case .serves(let reason) = role {
                    findings.append(
                        context.finding(
                            message + ", which is its job: \(reason); keep it public, behind TLS, and publish nothing else",
                            at: port.node, in: workload, container: container, setting: setting, severity: .info))
                    continue
                }
                if isSensitive { message += " (a database, cache or admin port)" }
                message += "; bind it to an address such as \(address), or do not publish it"
                var fix: Fix?
                if let replacement = Self.boundItem(SequenceItemReplacement.writtenValue(port.node), port: port, address: address) {
                    let changes = SequenceItemReplacement.changes(
                        key: "ports", item: port.node, replacement: replacement, service: workload.node)
                    let title = "Publish \(port.target)/\(port.proto) on \(address) only"
                    switch role {
                    case .internal(let reason): fix = Fix(title: title, kind: .known, changes: changes, reason: reason)
                    case .unknown(let reason): fix = Fix(title: title, kind: .decision, changes: changes, reason: reason)
                    case .serves: break
                    }
                }
                findings.append(
                    context.finding(
                        message, at: port.node, in: workload, container: container, setting: setting,
                        severity: isSensitive ? .high : .medium, fix: fix))
            }
        }
        return findings
    }

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        let sensitive = Set(context.value(of: Self.sensitivePorts))
        var findings: [Finding] = []
        for container in workload.containers {
            for port in container.ports where port.isPublished {
                let who = FindingTarget(workload, container: container).displayName
                let node =
                    port.node.document.kind(port.node.id) == .mapping
                    ? Self.entryValue("hostPort", in: port.node) ?? port.node : port.node
                findings.append(
                    context.finding(
                        "\(who) binds container port \(port.target) to hostPort \(port.published ?? ""); remove `hostPort` and expose it with a Service",
                        at: node, in: workload, container: container,
                        setting: "ports[\(port.target)/\(port.proto)].hostPort",
                        fix: Self.hostPortRemoval(port, of: container, in: workload, context: context, sensitive: sensitive)))
            }
        }
        return findings
    }

    /// Removes `hostPort` (and the `hostIP` that only serves it) from a Kubernetes `ports` item.
    /// Known when the port only serves other pods (a database's, cache's or broker's port, by the
    /// image profile or the well-known ports): they reach it through the pod network and Services.
    /// A decision otherwise: clients outside the cluster may reach the pod through the node's port.
    static func hostPortRemoval(
        _ port: Port, of container: Container, in workload: Workload, context: RuleContext, sensitive: Set<String>
    ) -> Fix? {
        // The keys go from the `ports` item where it stands, so that its other keys and comments stay.
        let item = port.node.resolved
        guard item.kind == .mapping else { return nil }
        let changes = ["hostPort", "hostIP"].compactMap { key -> Change? in
            guard let value = entryValue(key, in: item) else { return nil }
            return Change(scope: .container(container.name), path: [key], operation: .remove, target: item, existing: value)
        }
        let title = "Remove hostPort \(port.published ?? "") from container port \(port.target)"
        let match = context.imageProfile(for: workload, container: container)
        switch PortRole.of(port, profile: match, sensitive: touches(port, sensitive)) {
        case .internal(let reason):
            return Fix(
                title: title, kind: .known, changes: changes,
                reason:
                    reason
                    .replacingOccurrences(of: "the project network", with: "the pod network and Services")
                    .replacingOccurrences(of: "its published port only serves the host", with: "its hostPort only opens it on the node"))
        case .serves(let reason):
            return Fix(
                title: title, kind: .decision, changes: changes,
                reason: "\(reason): its clients may reach it through the node's port until a Service replaces it")
        case .unknown:
            let about =
                match.map { "\($0.phrase) does not say who must reach port \(port.target)" }
                ?? "Batten does not know the image, so it cannot tell who must reach port \(port.target)"
            return Fix(
                title: title, kind: .decision, changes: changes,
                reason: about + "; clients outside the cluster may reach it through the node's port until a Service replaces it")
        }
    }

    /// True for a Compose `ports` entry that listens on every host interface. Every `ports` entry is
    /// published (on a random host port when none is given); `expose` is not in `ports`.
    static func isOnAllInterfaces(_ port: Port) -> Bool {
        guard let hostIP = port.hostIP?.trimmingWhitespace, !hostIP.isEmpty else { return true }
        return hostIP == "0.0.0.0" || hostIP == "::" || hostIP == "[::]"
    }

    /// True when the container port or the published port (or a range of either) is in `sensitive`.
    static func touches(_ port: Port, _ sensitive: Set<String>) -> Bool {
        let numbers = sensitive.compactMap { Int($0) }
        for text in [port.target, port.published ?? ""] {
            let bounds = text.split(separator: "-").compactMap { Int(String($0).trimmingWhitespace) }
            guard let low = bounds.first else { continue }
            let high = bounds.count > 1 ? bounds[1] : low
            if numbers.contains(where: { $0 >= low && $0 <= high }) { return true }
        }
        return false
    }

    /// The Compose `ports` item bound to `address`: `address:published:target[/proto]` in the short
    /// syntax (an empty published part keeps a random host port), `host_ip: address` in the long
    /// syntax. Nil for an item of another shape.
    static func boundItem(_ item: YAMLValue, port: Port, address: String) -> YAMLValue? {
        if item.entries != nil {
            return SequenceItemReplacement.setting("host_ip", to: .string(address), in: item)
        }
        guard item.scalarText != nil else { return nil }
        let host = address.contains(":") && !address.hasPrefix("[") ? "[\(address)]" : address
        var text = "\(host):\(port.published ?? ""):\(port.target)"
        if port.proto != "tcp" { text += "/\(port.proto)" }
        return YAMLValue(.scalar(text, .string), tag: item.tag)
    }

    /// The value node of `key` in the mapping `node`.
    static func entryValue(_ key: String, in node: NodeRef) -> NodeRef? {
        let document = node.document
        for pair in document.pairs(document.resolve(node.id)) where document.scalar(pair.key) == key {
            return NodeRef(document: document, id: pair.value)
        }
        return nil
    }
}
