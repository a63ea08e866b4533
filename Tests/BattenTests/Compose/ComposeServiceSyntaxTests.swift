import BattenYAML
import Testing

@testable import Batten

@Suite("Compose service keys, short and long syntax")
struct ComposeServiceSyntaxTests {
    struct PortCase: Sendable, CustomTestStringConvertible {
        var spec: String
        var hostIP: String?
        var published: String?
        var target: String
        var proto: String
        var testDescription: String { spec }
    }

    static let portCases: [PortCase] = [
        PortCase(spec: "80", hostIP: nil, published: nil, target: "80", proto: "tcp"),
        PortCase(spec: "8080:80", hostIP: nil, published: "8080", target: "80", proto: "tcp"),
        PortCase(spec: "127.0.0.1:8080:80", hostIP: "127.0.0.1", published: "8080", target: "80", proto: "tcp"),
        PortCase(spec: "[::1]:8080:80", hostIP: "::1", published: "8080", target: "80", proto: "tcp"),
        PortCase(spec: "::1:8080:80", hostIP: "::1", published: "8080", target: "80", proto: "tcp"),
        PortCase(spec: "8000-8010:8000-8010", hostIP: nil, published: "8000-8010", target: "8000-8010", proto: "tcp"),
        PortCase(spec: "53:53/udp", hostIP: nil, published: "53", target: "53", proto: "udp"),
        PortCase(spec: "127.0.0.1::80", hostIP: "127.0.0.1", published: nil, target: "80", proto: "tcp"),
        PortCase(spec: "0.0.0.0:9000:9000/SCTP", hostIP: "0.0.0.0", published: "9000", target: "9000", proto: "sctp"),
        PortCase(spec: "7000-7001:7000", hostIP: nil, published: "7000-7001", target: "7000", proto: "tcp"),
    ]

    @Test(arguments: portCases)
    func shortPorts(_ testCase: PortCase) throws {
        let spec = try ComposePortSpec.parseShort(testCase.spec, node: nil).get()
        #expect(spec.hostIP == testCase.hostIP)
        #expect(spec.published == testCase.published)
        #expect(spec.target == testCase.target)
        #expect(spec.proto == testCase.proto)
    }

    @Test(arguments: ["", "abc", "1.2.3:80:80", "8000-8002:9000-9001", "80/icmp", "70000", "[::1:80:80"])
    func invalidShortPorts(_ spec: String) {
        #expect(throws: ComposeSyntaxError.self) { try ComposePortSpec.parseShort(spec, node: nil).get() }
    }

    @Test func portRangesExpandTheWayComposePrintsThem() throws {
        let spec = try ComposePortSpec.parseShort("8-10:8-10", node: nil).get()
        #expect(spec.bindings.map(\.target) == [10, 8, 9])
        #expect(spec.bindings.map(\.published) == ["10", "8", "9"])
    }

    @Test func longPortsWithNumbersOrStrings() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              app:
                image: app
                ports:
                  - target: 443
                    published: "8443"
                    host_ip: 127.0.0.1
                    protocol: TCP
                    mode: host
                  - target: "444"
                    published: 8444
                  - target: 445
            """)
        let ports = try result.container("app").ports
        #expect(ports.map(\.target) == ["443", "444", "445"])
        #expect(ports.map(\.published) == ["8443", "8444", nil])
        #expect(ports.map(\.hostIP) == ["127.0.0.1", nil, nil])
        #expect(ports.map(\.proto) == ["tcp", "tcp", "tcp"])
        #expect(ports.map(\.isPublishedOnAllInterfaces) == [false, true, false])
        #expect(ports.first?.node.shortLocation == "compose.yaml:5:9")
    }

    struct VolumeCase: Sendable, CustomTestStringConvertible {
        var spec: String
        var kind: String
        var source: String?
        var target: String
        var readOnly: Bool
        var propagation: String? = nil
        var testDescription: String { spec }
    }

    static let volumeCases: [VolumeCase] = [
        VolumeCase(spec: "./src:/app", kind: "bind", source: "./src", target: "/app", readOnly: false),
        VolumeCase(spec: "./src:/app:ro", kind: "bind", source: "./src", target: "/app", readOnly: true),
        VolumeCase(spec: "/etc/ssl:/ssl:ro,z", kind: "bind", source: "/etc/ssl", target: "/ssl", readOnly: true),
        VolumeCase(spec: "~/x:/x:rshared", kind: "bind", source: "~/x", target: "/x", readOnly: false, propagation: "rshared"),
        VolumeCase(spec: "../up:/up:rw,Z,slave", kind: "bind", source: "../up", target: "/up", readOnly: false, propagation: "slave"),
        VolumeCase(spec: "data:/data", kind: "volume", source: "data", target: "/data", readOnly: false),
        VolumeCase(spec: "data:/data:ro,nocopy", kind: "volume", source: "data", target: "/data", readOnly: true),
        VolumeCase(spec: "/anonymous", kind: "volume", source: nil, target: "/anonymous", readOnly: false),
        VolumeCase(spec: "C:\\data:/w", kind: "bind", source: "C:\\data", target: "/w", readOnly: false),
        VolumeCase(spec: "v:/other", kind: "volume", source: nil, target: "v:/other", readOnly: false),
        VolumeCase(spec: "/:/host:ro,rprivate", kind: "bind", source: "/", target: "/host", readOnly: true, propagation: "rprivate"),
    ]

    @Test(arguments: volumeCases)
    func shortVolumes(_ testCase: VolumeCase) throws {
        let spec = try ComposeVolumeSpec.parseShort(testCase.spec, node: nil).get()
        #expect(spec.type == testCase.kind)
        #expect(spec.source == testCase.source)
        #expect(spec.target == testCase.target)
        #expect(spec.readOnly == testCase.readOnly)
        #expect(spec.propagation == testCase.propagation)
    }

    @Test(arguments: ["./a::b", "./a:/b:ro:x", "./a:"])
    func invalidShortVolumes(_ spec: String) {
        #expect(throws: ComposeSyntaxError.self) { try ComposeVolumeSpec.parseShort(spec, node: nil).get() }
    }

    @Test func volumesBecomeMounts() throws {
        let project = try ComposeTestProject([
            "compose.yaml": """
            services:
              app:
                image: app
                volumes:
                  - ./src:/app:ro
                  - data:/data
                  - /anon
                  - ~/cache:/cache:rshared
                  - /var/run/docker.sock:/var/run/docker.sock
                  - type: bind
                    source: ./config/
                    target: /config
                    read_only: true
                    bind: {propagation: rslave}
                  - type: tmpfs
                    target: /scratch
                  - type: volume
                    target: /anon2
            volumes:
              data: {}
            """
        ])
        defer { project.remove() }
        let result = project.load(environment: ["HOME": "/home/tester"])
        #expect(result.diagnostics.isEmpty)
        let mounts = try result.container("app").mounts
        #expect(mounts.map(\.kind.name) == ["bind", "volume", "volume", "bind", "bind", "bind", "tmpfs", "volume"])
        #expect(mounts.map(\.source) == ["./src", "data", nil, "~/cache", "/var/run/docker.sock", "./config/", nil, nil])
        #expect(
            mounts.map(\.resolvedSource) == [
                project.directory + "/src", "data", nil, "/home/tester/cache", "/var/run/docker.sock",
                project.directory + "/config", nil, nil,
            ])
        #expect(mounts.map(\.readOnly) == [true, false, false, false, false, true, false, false])
        #expect(mounts[3].propagation?.value == "rshared")
        #expect(mounts[3].propagation?.node.shortLocation == "compose.yaml:8:9")
        #expect(mounts[5].propagation?.value == "rslave")
        #expect(mounts[5].propagation?.node.shortLocation == "compose.yaml:14:29")
        #expect(mounts[5].node.shortLocation == "compose.yaml:10:9")
    }

    @Test func identityAndPrivileges() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              numeric:
                image: a
                user: "1000:2000"
                privileged: true
                read_only: "yes"
              root:
                image: b
                user: root
              named:
                image: c
                user: app:staff
              rootgroup:
                image: d
                user: "1001:root"
              zero:
                image: e
                user: 0
            """)
        let numeric = try result.container("numeric")
        #expect(numeric.user?.value == "1000:2000")
        #expect(numeric.runAsUser?.value == 1000)
        #expect(numeric.runAsGroup?.value == 2000)
        #expect(numeric.runAsUser?.node.shortLocation == "compose.yaml:4:11")
        #expect(numeric.privileged?.value == true)
        #expect(numeric.readOnlyRootFilesystem?.value == true)
        #expect(try result.container("root").runAsUser?.value == 0)
        #expect(try result.container("root").runAsGroup?.value == 0)
        #expect(try result.container("named").runAsUser == nil)
        #expect(try result.container("named").runAsGroup == nil)
        #expect(try result.container("rootgroup").runAsGroup?.value == 0)
        #expect(try result.container("zero").runAsUser?.value == 0)
    }

    @Test func securityOptions() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              colon:
                image: a
                security_opt: ["no-new-privileges:true", "seccomp:unconfined", "apparmor:unconfined", "label:disable"]
              equals:
                image: b
                security_opt: ["no-new-privileges=true", "seccomp=/etc/profile.json", "label=type:svirt_t", "label=level:s0:c1"]
              bare:
                image: c
                security_opt: [no-new-privileges, apparmor:docker-default, systempaths=unconfined]
              disabled:
                image: d
                security_opt: ["no-new-privileges:false"]
            """)
        let colon = try result.container("colon")
        #expect(colon.allowPrivilegeEscalation?.value == false)
        #expect(colon.allowPrivilegeEscalation?.node.shortLocation == "compose.yaml:4:20")
        #expect(colon.seccomp?.value == SecurityProfile(kind: .unconfined))
        #expect(colon.seccomp?.node.shortLocation == "compose.yaml:4:46")
        #expect(colon.appArmor?.value.kind == .unconfined)
        #expect(colon.seLinux?.value.disabled == true)
        let equals = try result.container("equals")
        #expect(equals.allowPrivilegeEscalation?.value == false)
        #expect(equals.seccomp?.value == SecurityProfile(kind: .localhost, profile: "/etc/profile.json"))
        #expect(equals.seLinux?.value == SELinuxSettings(type: "svirt_t", level: "s0:c1"))
        let bare = try result.container("bare")
        #expect(bare.allowPrivilegeEscalation?.value == false)
        #expect(bare.appArmor?.value.kind == .runtimeDefault)
        #expect(bare.procMount?.value == "Unmasked")
        #expect(try result.container("disabled").allowPrivilegeEscalation?.value == true)
    }

    @Test func namespacesResourcesAndHealth() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              app:
                image: app
                network_mode: host
                pid: host
                ipc: host
                uts: host
                userns_mode: host
                cgroup_parent: custom.slice
                sysctls: [net.core.somaxconn=1024]
                ulimits:
                  nproc: 65535
                  nofile: {soft: 20000, hard: 40000}
                mem_limit: 512m
                cpus: 1.5
                pids_limit: 100
                mem_reservation: 128m
                healthcheck:
                  test: curl -f http://localhost
                  interval: 30s
                  timeout: 5s
                  retries: 3
                  start_period: 10s
                restart: on-failure:3
                deploy:
                  restart_policy: {condition: on-failure, max_attempts: 5}
                  resources:
                    reservations: {cpus: "0.25"}
                tmpfs: /run
                devices: ["/dev/kmsg", {source: /dev/dri, target: /dev/dri, permissions: rw}]
                expose: ["3000", 3001]
                use_api_socket: true
                profiles: []
                x-batten:
                  ignore:
                    host-network: monitoring agent needs the host network
                    no-healthcheck: ""
              other:
                image: other
                network_mode: bridge
                healthcheck:
                  disable: true
              none:
                image: none
                healthcheck:
                  test: ["NONE"]
            """)
        let workload = try result.workload("app")
        #expect(workload.kind == "service")
        #expect(workload.format == .compose)
        #expect(workload.hostNetwork?.value == true)
        #expect(workload.hostNetwork?.node.shortLocation == "compose.yaml:4:19")
        #expect(workload.hostPID?.value == true)
        #expect(workload.hostIPC?.value == true)
        #expect(workload.hostUTS?.value == true)
        #expect(workload.hostUsers?.value == true)
        #expect(workload.sysctls.map(\.value) == [Sysctl(name: "net.core.somaxconn", value: "1024")])
        #expect(workload.suppressions.map(\.ruleID) == ["host-network", "no-healthcheck"])
        #expect(workload.suppressions.first?.reason == "monitoring agent needs the host network")
        #expect(workload.suppressions.first?.node.shortLocation == "compose.yaml:36:9")
        let details = try #require(workload.compose)
        #expect(details.cgroupParent?.value == "custom.slice")
        #expect(details.ulimits["nproc"]?.value == "65535")
        #expect(details.ulimits["nofile"]?.value == "20000:40000")
        #expect(details.usesLegacyLimits)
        #expect(details.restart?.value == "on-failure:3")
        #expect(details.restartPolicyCondition?.value == "on-failure")
        #expect(details.restartPolicyMaxAttempts?.value == "5")
        #expect(details.expose.map(\.value) == ["3000", "3001"])
        #expect(details.useAPISocket?.value == true)
        #expect(details.extensions.keys.sorted() == ["x-batten"])
        #expect(details.projectName == details.projectName.lowercased())
        let container = try result.container("app")
        #expect(container.role == .main)
        #expect(container.limits.memory?.value == "512m")
        #expect(container.limits.cpu?.value == "1.5")
        #expect(container.limits.pids?.value == "100")
        #expect(container.requests.memory?.value == "128m")
        #expect(container.requests.cpu?.value == "0.25")
        #expect(container.healthcheck?.test == ["CMD-SHELL", "curl -f http://localhost"])
        #expect(container.healthcheck?.disabled == false)
        #expect(container.healthcheck?.startPeriod == "10s")
        #expect(container.tmpfs.map(\.value) == ["/run"])
        #expect(container.devices.map(\.value) == ["/dev/kmsg", "/dev/dri:/dev/dri:rw"])
        #expect(try result.workload("other").hostNetwork?.value == false)
        #expect(try result.container("other").healthcheck?.disabled == true)
        #expect(try result.container("other").healthcheck?.test == nil)
        #expect(try result.container("none").healthcheck?.disabled == true)
        #expect(try result.container("none").healthcheck?.test == ["NONE"])
    }

    @Test func buildStringAndMapping() throws {
        let project = try ComposeTestProject([
            "compose.yaml": """
            services:
              short:
                build: ./app
              long:
                build:
                  context: ./api
                  dockerfile: Dockerfile.prod
                  target: runtime
              remote:
                build: https://github.com/example/repo.git#main
            """
        ])
        defer { project.remove() }
        let result = project.load()
        let short = try #require(try result.workload("short").compose?.build)
        #expect(short.context == "./app")
        #expect(short.resolvedContext == project.directory + "/app")
        #expect(short.dockerfile == nil)
        let long = try #require(try result.workload("long").compose?.build)
        #expect(long.dockerfile == "Dockerfile.prod")
        #expect(long.target == "runtime")
        #expect(long.node.shortLocation == "compose.yaml:6:7")
        #expect(try result.workload("remote").compose?.build?.resolvedContext == "https://github.com/example/repo.git#main")
    }

    @Test func environmentListAndMapForms() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              list:
                image: a
                environment:
                  - A=1
                  - B
                  - C=
                  - D=x=y
              map:
                image: b
                environment:
                  A: 1
                  B:
                  C: ""
                  D: true
            """)
        let list = try result.container("list").environment
        #expect(list.map(\.name) == ["A", "B", "C", "D"])
        #expect(list.map(\.value) == ["1", nil, "", "x=y"])
        #expect(list[0].node.shortLocation == "compose.yaml:5:9")
        #expect(list[0].valueNode?.shortLocation == "compose.yaml:5:9")
        #expect(list[1].valueNode == nil)
        let map = try result.container("map").environment
        #expect(map.map(\.value) == ["1", nil, "", "true"])
        #expect(map[0].node.shortLocation == "compose.yaml:12:7")
        #expect(map[0].valueNode?.shortLocation == "compose.yaml:12:10")
    }

    @Test func secretsAndConfigsShortAndLong() throws {
        let result = try ComposeTestProject.loadSingle(
            """
            services:
              app:
                image: app
                secrets: [one, {source: two, target: /etc/two, mode: 0400}]
                configs: [cfg, {source: other, target: /etc/other}]
            secrets:
              one: {file: ./one.txt}
              two: {environment: TWO}
            configs:
              cfg: {content: x}
              other: {file: ./other.conf}
            """)
        let details = try #require(try result.workload("app").compose)
        #expect(details.secrets.map(\.value) == ["one", "two"])
        #expect(details.configs.map(\.value) == ["cfg", "other"])
        let secrets = try #require(result.renderedService("app")?["secrets"]?.composeItems)
        #expect(secrets[0]["target"] == .string("/run/secrets/one"))
        #expect(secrets[1]["mode"] == .string("0400"))
    }
}
