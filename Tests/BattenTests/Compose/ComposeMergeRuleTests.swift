import BattenYAML
import Testing

@testable import Batten

/// One test per row of the merge table: a base file and an override file loaded with `-f a -f b`.
@Suite("Compose multi-file merge")
struct ComposeMergeRuleTests {
    static func merge(_ base: String, _ override: String, environment: [String: String] = [:]) throws -> ComposeLoadResult {
        let project = try ComposeTestProject(["compose.yaml": base, "override.yaml": override])
        defer { project.remove() }
        return project.load(["compose.yaml", "override.yaml"], environment: environment)
    }

    @Test func scalarsAreReplacedByTheLaterFile() throws {
        let result = try Self.merge(
            "services:\n  app:\n    image: app:1\n    user: \"1000\"\n    read_only: false\n",
            "services:\n  app:\n    image: app:2\n    read_only: true\n")
        let container = try result.container("app")
        #expect(container.image?.value == "app:2")
        #expect(container.image?.node.shortLocation == "override.yaml:3:12")
        #expect(container.user?.value == "1000")
        #expect(container.user?.node.shortLocation == "compose.yaml:4:11")
        #expect(container.readOnlyRootFilesystem?.value == true)
        #expect(container.readOnlyRootFilesystem?.node.shortLocation == "override.yaml:4:16")
    }

    @Test func mappingsMergeKeyByKey() throws {
        let result = try Self.merge(
            """
            services:
              app:
                image: app
                deploy:
                  resources:
                    limits: {cpus: "1.0", memory: 512m}
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 30s
            """,
            """
            services:
              app:
                deploy:
                  resources:
                    limits: {memory: 1g, pids: 100}
                healthcheck:
                  retries: 4
            """)
        let container = try result.container("app")
        #expect(container.limits.cpu?.value == "1.0")
        #expect(container.limits.cpu?.node.path.hasSuffix("compose.yaml") == true)
        #expect(container.limits.memory?.value == "1g")
        #expect(container.limits.memory?.node.shortLocation == "override.yaml:5:26")
        #expect(container.limits.pids?.value == "100")
        #expect(container.healthcheck?.test == ["CMD", "true"])
        #expect(container.healthcheck?.interval == "30s")
        #expect(container.healthcheck?.retries == "4")
    }

    @Test func keyValueFieldsMergeByNameInListAndMapForm() throws {
        let result = try Self.merge(
            """
            services:
              app:
                image: app
                environment: {B: "1", A: "2", KEEP: base}
                labels: [tier=backend, owner=base]
                sysctls: {net.core.somaxconn: 1024}
                annotations: {a: "1"}
            """,
            """
            services:
              app:
                environment: [A=3, C=4, BARE]
                labels: {owner: override}
                sysctls: [net.core.somaxconn=2048, net.ipv4.ip_forward=1]
                annotations: [b=2]
            """)
        let workload = try result.workload("app")
        let environment = try result.container("app").environment
        #expect(environment.map(\.name) == ["B", "A", "KEEP", "C", "BARE"])
        #expect(environment.map(\.value) == ["1", "3", "base", "4", nil])
        #expect(environment[1].node.shortLocation == "override.yaml:3:19")
        #expect(environment[0].node.shortLocation == "compose.yaml:4:19")
        #expect(workload.labels["owner"]?.value == "override")
        #expect(workload.labels["tier"]?.value == "backend")
        #expect(
            workload.sysctls.map(\.value) == [
                Sysctl(name: "net.core.somaxconn", value: "2048"), Sysctl(name: "net.ipv4.ip_forward", value: "1"),
            ])
        #expect(workload.annotations.keys.sorted() == ["a", "b"])
    }

    @Test(arguments: ["cap_add", "cap_drop", "tmpfs", "expose", "dns"])
    func stringListsAppendWithoutRepeats(_ field: String) throws {
        let result = try Self.merge(
            "services:\n  app:\n    image: app\n    \(field): [\"one\", \"two\"]\n",
            "services:\n  app:\n    \(field): [\"two\", \"three\"]\n")
        let items = try #require(result.merged?.value(at: ["services", "app", field])?.items)
        #expect(items.compactMap(\.text) == ["one", "two", "three"])
        #expect(items[1].node?.path.hasSuffix("override.yaml") == true)
    }

    @Test func capabilitiesKeepTheirNodes() throws {
        let result = try Self.merge(
            "services:\n  app:\n    image: app\n    cap_add: [NET_ADMIN, CHOWN]\n    cap_drop: [NET_RAW]\n",
            "services:\n  app:\n    cap_add: [CHOWN, SYS_TIME]\n    cap_drop: [ALL]\n")
        let container = try result.container("app")
        #expect(container.capabilitiesAdded.map(\.value) == ["NET_ADMIN", "CHOWN", "SYS_TIME"])
        #expect(
            container.capabilitiesAdded.map { $0.node.shortLocation } == [
                "compose.yaml:4:15", "override.yaml:3:15", "override.yaml:3:22",
            ])
        #expect(container.capabilitiesDropped.map(\.value) == ["NET_RAW", "ALL"])
        #expect(container.capabilitiesAddNode?.shortLocation == "override.yaml:3:14")
    }

    @Test func volumesAndDevicesAreUniqueByTarget() throws {
        let result = try Self.merge(
            """
            services:
              app:
                image: app
                volumes: ["./data:/data", "cache:/cache", "/etc/ssl:/etc/ssl:ro"]
                devices: ["/dev/sda:/dev/xvda", "/dev/kmsg"]
            """,
            """
            services:
              app:
                volumes:
                  - type: bind
                    source: ./other
                    target: /data
                  - logs:/logs
                  - /etc/ssl:/etc/ssl:rw
                devices: ["/dev/sdb:/dev/xvda:r"]
            """)
        let container = try result.container("app")
        #expect(container.mounts.map(\.target) == ["/data", "/cache", "/etc/ssl", "/logs"])
        #expect(container.mounts[0].source == "./other")
        #expect(container.mounts[0].node.shortLocation == "override.yaml:4:9")
        #expect(container.mounts[2].readOnly == false)
        #expect(container.devices.map(\.value) == ["/dev/sdb:/dev/xvda:r", "/dev/kmsg"])
    }

    @Test func secretsAndConfigsAreUniqueByTarget() throws {
        let result = try Self.merge(
            """
            services:
              app:
                image: app
                secrets: [one, {source: two, target: /etc/two}]
                configs: [cfg]
            """,
            """
            services:
              app:
                secrets: [{source: one, mode: 0440}, {source: three, target: /etc/two}]
                configs: [{source: cfg, target: /cfg}]
            """)
        let details = try #require(try result.workload("app").compose)
        #expect(details.secrets.map(\.value) == ["one", "three"])
        #expect(details.configs.map(\.value) == ["cfg"])
        #expect(details.configs.first?.node.path.hasSuffix("override.yaml") == true)
    }

    @Test func portsAreUniqueByAddressPortsAndProtocol() throws {
        let result = try Self.merge(
            """
            services:
              app:
                image: app
                ports: ["8080:80", "9090:90", {target: 443, published: "443"}]
            """,
            """
            services:
              app:
                ports:
                  - "9090:90"
                  - {target: 80, published: "8080", host_ip: 127.0.0.1}
                  - "127.0.0.1:8080:80/tcp"
                  - "443:443"
                  - "53:53/udp"
            """)
        let ports = try result.container("app").ports
        #expect(
            ports.map { "\($0.hostIP ?? "*"):\($0.published ?? "-"):\($0.target)/\($0.proto)" } == [
                "*:8080:80/tcp", "*:9090:90/tcp", "*:443:443/tcp", "127.0.0.1:8080:80/tcp", "*:53:53/udp",
            ])
        #expect(ports[1].node.path.hasSuffix("override.yaml"))
        #expect(ports[3].node.shortLocation == "override.yaml:6:9")
    }

    @Test func securityOptionsAppendWithoutDeduplication() throws {
        let result = try Self.merge(
            "services:\n  app:\n    image: app\n    security_opt: [no-new-privileges:true, label:disable]\n",
            "services:\n  app:\n    security_opt: [\"seccomp:unconfined\", no-new-privileges:true]\n")
        let details = try #require(try result.workload("app").compose)
        #expect(
            details.securityOptions.map(\.value) == [
                "no-new-privileges:true", "label:disable", "seccomp:unconfined", "no-new-privileges:true",
            ])
        #expect(details.securityOptionsNode?.path.hasSuffix("override.yaml") == true)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.shortLocation == "override.yaml:3:42")
        #expect(result.warnings.first?.message.contains("docker compose rejects repeated security_opt entries") == true)
    }

    @Test func commandEntrypointAndHealthcheckTestAreReplacedWhole() throws {
        let result = try Self.merge(
            """
            services:
              app:
                image: app
                command: ["serve", "--port", "80"]
                entrypoint: ["/entry.sh", "--base"]
                healthcheck:
                  test: ["CMD", "curl", "-f", "http://localhost"]
                  interval: 10s
            """,
            """
            services:
              app:
                command: ["serve"]
                entrypoint: /other.sh
                healthcheck:
                  test: ["CMD", "true"]
            """)
        let service = try #require(result.merged?.value(at: ["services", "app"]))
        #expect(service["command"]?.items?.compactMap(\.text) == ["serve"])
        #expect(service["entrypoint"]?.text == "/other.sh")
        let healthcheck = try #require(try result.container("app").healthcheck)
        #expect(healthcheck.test == ["CMD", "true"])
        #expect(healthcheck.interval == "10s")
    }

    @Test func ulimitEntriesAreReplacedWhole() throws {
        let result = try Self.merge(
            "services:\n  app:\n    image: app\n    ulimits:\n      nofile: {soft: 1, hard: 2}\n      nproc: 5\n",
            "services:\n  app:\n    ulimits:\n      nofile: 4096\n")
        let ulimits = try #require(try result.workload("app").compose?.ulimits)
        #expect(ulimits["nofile"]?.value == "4096")
        #expect(ulimits["nproc"]?.value == "5")
    }

    @Test func extensionKeysMergeAsMappings() throws {
        let result = try Self.merge(
            "x-top: {a: 1, b: 2}\nservices:\n  app:\n    image: app\n    x-notes: {owner: base, extra: kept}\n",
            "x-top: {c: 3}\nservices:\n  app:\n    x-notes: {owner: override}\n")
        let notes = try #require(result.merged?.value(at: ["services", "app", "x-notes"]))
        #expect(notes["owner"]?.text == "override")
        #expect(notes["extra"]?.text == "kept")
        #expect(result.merged?["x-top"]?.entries?.map(\.key) == ["a", "b", "c"])
        #expect(try result.workload("app").compose?.extensions.keys.sorted() == ["x-notes"])
    }

    @Test func servicesFromBothFilesAreKeptInFirstDefinitionOrder() throws {
        let result = try Self.merge(
            "services:\n  b:\n    image: b\n  a:\n    image: a\n",
            "services:\n  c:\n    image: c\n  a:\n    user: \"1\"\n")
        #expect(result.workloads.map(\.name) == ["b", "a", "c"])
        let a = try result.workload("a")
        #expect(a.location.shortLocation == "compose.yaml:4:3")
        #expect(a.compose?.definitions.map(\.shortLocation) == ["compose.yaml:5:5", "override.yaml:5:5"])
    }

    @Test func topLevelResourcesMergeByName() throws {
        let result = try Self.merge(
            "services:\n  app:\n    image: app\nvolumes:\n  data: {driver: local}\nsecrets:\n  s: {file: ./a}\n",
            "volumes:\n  data: {labels: {a: b}}\n  more: {}\nsecrets:\n  s: {file: ./b}\n")
        let volumes = try #require(result.merged?["volumes"])
        #expect(volumes.entries?.map(\.key) == ["data", "more"])
        #expect(volumes["data"]?["driver"]?.text == "local")
        #expect(volumes["data"]?["labels"]?["a"]?.text == "b")
        #expect(result.merged?.value(at: ["secrets", "s", "file"])?.text == "./b")
    }
}
