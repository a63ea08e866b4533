import BattenYAML
import Testing

@testable import Batten

/// Edge cases and fix proposals of the host isolation rules on Compose input.
struct ComposeHostIsolationTests {
    typealias H = RuleHarness

    static let node: NodeRef = {
        let document = YAMLParser.parse("x: 1").documents[0]
        return document.ref(document.root ?? NodeID(0))
    }()

    static func port(_ published: String?, _ target: String, proto: String = "tcp", hostIP: String? = nil) -> Port {
        Port(hostIP: hostIP, published: published, target: target, proto: proto, node: node)
    }

    // MARK: Ports

    @Test func boundShortSyntax() {
        func bound(_ port: Port, _ address: String = "127.0.0.1") -> String? {
            PortOnAllInterfacesRule.boundItem(.string("written"), port: port, address: address)?.scalarText
        }
        #expect(bound(Self.port("8080", "80")) == "127.0.0.1:8080:80")
        #expect(bound(Self.port(nil, "80")) == "127.0.0.1::80")
        #expect(bound(Self.port("53", "53", proto: "udp")) == "127.0.0.1:53:53/udp")
        #expect(bound(Self.port("8000-8010", "8000-8010")) == "127.0.0.1:8000-8010:8000-8010")
        #expect(bound(Self.port("8080", "80"), "::1") == "[::1]:8080:80")
        #expect(bound(Self.port("8080", "80"), "10.0.0.5") == "10.0.0.5:8080:80")
    }

    @Test func boundLongSyntax() throws {
        let item = YAMLValue.mapping([("target", .int(80)), ("published", .string("8080"))])
        let bound = try #require(PortOnAllInterfacesRule.boundItem(item, port: Self.port("8080", "80"), address: "127.0.0.1"))
        #expect(bound["host_ip"] == .string("127.0.0.1"))
        #expect(bound["target"] == .int(80))
    }

    @Test func sensitivePortsAreHigh() {
        let sensitive = Set(PortOnAllInterfacesRule.defaultSensitivePorts)
        #expect(PortOnAllInterfacesRule.touches(Self.port("15432", "5432"), sensitive))
        #expect(PortOnAllInterfacesRule.touches(Self.port("6379", "16379"), sensitive))
        #expect(PortOnAllInterfacesRule.touches(Self.port("5000-6000", "5000-6000"), sensitive))
        #expect(!PortOnAllInterfacesRule.touches(Self.port("8080", "80"), sensitive))
        #expect(PortOnAllInterfacesRule.isOnAllInterfaces(Self.port("80", "80", hostIP: "0.0.0.0")))
        #expect(PortOnAllInterfacesRule.isOnAllInterfaces(Self.port("80", "80", hostIP: "::")))
        #expect(!PortOnAllInterfacesRule.isOnAllInterfaces(Self.port("80", "80", hostIP: "192.168.1.5")))
    }

    @Test func composePortFindingsAndFixes() throws {
        let workload = try H.single(
            try H.compose(
                """
                services:
                  db:
                    image: postgres:17.2
                    ports:
                      - "15432:5432"
                      - "9187"
                      - "127.0.0.1:8080:8080"
                    expose:
                      - "5433"
                """))
        let findings = H.run(PortOnAllInterfacesRule.self, on: workload, parameters: ["bind-address": .string("10.1.2.3")])
        #expect(findings.map(\.severity) == [.high, .medium])
        let first = try #require(findings.first?.fix)
        #expect(first.kind == .known, "5432 is a database port: its clients are the other services")
        #expect(first.changes.map(\.operation) == [.replaceItem(.string("15432:5432"), with: .string("10.1.2.3:15432:5432"))])
        #expect(first.changes.allSatisfy { $0.path == ["ports"] && $0.scope == .service && $0.target == workload.node })
        #expect(first.changes[0].existing == workload.containers.first?.ports.first?.node.parent)
        let random = try #require(findings.last?.fix)
        #expect(random.changes.last?.operation == .replaceItem(.string("9187"), with: .string("10.1.2.3::9187")))
    }

    @Test("a public web port of an unknown image is a decision; an edge proxy's own ports are its job")
    func composePortRoles() throws {
        let workloads = try H.compose(
            """
            services:
              app:
                image: example/app:1.0
                ports:
                  - "8000:8000"
              proxy:
                image: nginx:1.27
                ports:
                  - "80:80"
                  - "443:443"
                  - "9113:9113"
            """)
        let app = try #require(workloads.first { $0.name == "app" })
        let appFinding = try #require(H.run(PortOnAllInterfacesRule.self, on: app).first)
        #expect(appFinding.fix?.kind == .decision)
        #expect(appFinding.fix?.reason?.contains("cannot tell who must reach port 8000") == true)
        let proxy = try #require(workloads.first { $0.name == "proxy" })
        let findings = H.run(PortOnAllInterfacesRule.self, on: proxy)
        #expect(findings.map(\.severity) == [.info, .info, .medium])
        #expect(findings.prefix(2).allSatisfy { $0.fix == nil && $0.message.contains("which is its job") })
        #expect(findings.last?.fix?.kind == .decision)
    }

    // MARK: Host paths

    @Test func composeHostPathsResolveAgainstTheProject() throws {
        let text = """
            services:
              app:
                image: example/app:1.0
                volumes:
                  - ./data:/data
                  - ~/.aws:/root/.aws:ro
                  - ../../../../../../../../etc/passwd:/etc/host-passwd:ro
                  - /var/www/html:/usr/share/nginx/html:ro
            """
        let findings = try H.composeFindings(SensitiveHostPathRule.self, text)
        #expect(findings.count == 2)
        #expect(findings.contains { $0.message.contains("/etc/passwd") })
        #expect(findings.contains { $0.setting.contains("~/.aws") })
    }

    @Test func composeNamespacesAndSysctls() throws {
        let workload = try H.single(
            try H.compose(
                """
                services:
                  app:
                    image: example/app:1.0
                    pid: host
                    network_mode: host
                    sysctls:
                      - net/ipv4/tcp_syncookies=1
                      - net.ipv4.ip_forward=1
                """))
        let namespaces = H.run(HostNamespacesRule.self, on: workload)
        #expect(Set(namespaces.map(\.severity)) == [.critical, .high])
        let sysctls = H.run(UnsafeSysctlsRule.self, on: workload)
        #expect(sysctls.map(\.setting) == ["sysctls.net.ipv4.ip_forward"])
    }

    @Test func composeSocketAndDevices() throws {
        let workload = try H.single(
            try H.compose(
                """
                services:
                  app:
                    image: example/app:1.0
                    volumes:
                      - /var/run:/host/run:ro
                    devices:
                      - /dev/kvm
                """))
        #expect(H.run(RuntimeSocketRule.self, on: workload).count == 1)
        #expect(H.run(HostDevicesRule.self, on: workload).map(\.setting) == ["devices[/dev/kvm]"])
    }

    @Test func composeWindowsEnginePipe() throws {
        let findings = try H.composeFindings(
            RuntimeSocketRule.self,
            #"""
            services:
              agent:
                image: example/agent:1.0
                volumes:
                  - type: npipe
                    source: \.\pipe\docker_engine
                    target: \.\pipe\docker_engine
            """#)
        #expect(findings.count == 1)
    }
}
