import BattenYAML
import Testing

@testable import Batten

struct ResourceRuleTests {
    // MARK: Quantities

    @Test(arguments: [("0", true), ("0.0", true), ("0Mi", true), ("-1", true), ("512M", false), ("0.5", false), ("1Gi", false), ("${MEM}", false), ("", false)])
    func unboundedQuantities(_ text: String, _ unbounded: Bool) {
        #expect(ResourceQuantity.isUnbounded(text) == unbounded)
    }

    // MARK: Compose fix paths

    @Test func composeFixPathDefaultsToDeployLimits() {
        let service = HandBuiltModel.composeService(HandBuiltModel.mapping([("image", HandBuiltModel.scalar("nginx:1.27"))]))
        #expect(ComposeLimit.memory.fixPath(in: service) == ["deploy", "resources", "limits", "memory"])
        #expect(ComposeLimit.pids.fixPath(in: service) == ["deploy", "resources", "limits", "pids"])
        #expect(ComposeLimit.cpus.fixPath(in: nil) == ["deploy", "resources", "limits", "cpus"])
    }

    @Test func composeFixPathFollowsLegacyKeys() {
        let service = HandBuiltModel.composeService(HandBuiltModel.mapping([("cpus", HandBuiltModel.scalar("0.5"))]))
        #expect(ComposeLimit.memory.fixPath(in: service) == ["mem_limit"])
        #expect(ComposeLimit.pids.fixPath(in: service) == ["pids_limit"])
    }

    @Test func composeFixPathPrefersExistingDeployLimits() {
        let limits = HandBuiltModel.mapping([("memory", HandBuiltModel.scalar("256M"))])
        let deploy = HandBuiltModel.mapping([("resources", HandBuiltModel.mapping([("limits", limits)]))])
        let service = HandBuiltModel.composeService(
            HandBuiltModel.mapping([("deploy", deploy), ("pids_limit", HandBuiltModel.scalar("-1"))]))
        #expect(ComposeLimit.cpus.fixPath(in: service) == ["deploy", "resources", "limits", "cpus"])
        #expect(ComposeLimit.pids.writtenValues(in: service).map(\.path) == [["pids_limit"]])
    }

    // MARK: Kubernetes proposals

    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          initContainers:
          - name: setup
            image: busybox:1.36
            resources:
              limits:
                memory: "0"
          containers:
          - name: web
            image: nginx:1.27
          ephemeralContainers:
          - name: debug
            image: busybox:1.36
        """

    @Test func memoryLimitProposalPerContainer() throws {
        let findings = try RuleHarness.audit(
            MemoryLimitRule.self, .kubernetes, Self.pod, parameters: ["kubernetes-memory": .string("1Gi")])
        #expect(findings.map(\.target.container) == ["setup", "web"])
        let web = try #require(findings.first { $0.target.container == "web" })
        #expect(web.location.line == 13)
        #expect(web.setting == "resources.limits.memory")
        let fix = try #require(web.fix)
        #expect(fix.kind == .decision)
        let change = try #require(fix.changes.first)
        #expect(fix.changes.count == 1)
        #expect(change.scope == .container("web"))
        #expect(change.path == ["resources", "limits", "memory"])
        #expect(change.operation == .set(.string("1Gi")))
        #expect(change.target.start.line == 13)
        #expect(change.existing == nil)

        let setup = try #require(findings.first { $0.target.container == "setup" })
        #expect(setup.location.line == 11, "a zero limit is reported at the value")
        #expect(setup.fix?.changes.first?.existing?.scalar == "0")
    }

    @Test func cpuLimitProposal() throws {
        let findings = try RuleHarness.audit(CPULimitRule.self, .kubernetes, Self.pod)
        #expect(findings.count == 2)
        let change = try #require(findings.first?.fix?.changes.first)
        #expect(change.path == ["resources", "limits", "cpu"])
        #expect(change.operation == .set(.string("1")))
    }

    @Test func requestsNameEveryMissingKeyOnce() throws {
        let findings = try RuleHarness.audit(
            ResourceRequestsRule.self, .kubernetes,
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
              - name: proxy
                image: envoyproxy/envoy:v1.31.0
                resources:
                  limits:
                    memory: 128Mi
            """, parameters: ["cpu": .string("250m")])
        #expect(findings.count == 2)
        let web = try #require(findings.first { $0.target.container == "web" })
        #expect(web.fix?.changes.map(\.path) == [["resources", "requests", "cpu"], ["resources", "requests", "memory"]])
        #expect(web.fix?.changes.map(\.operation) == [.set(.string("250m")), .set(.string("128Mi"))])
        let proxy = try #require(findings.first { $0.target.container == "proxy" })
        #expect(proxy.fix?.changes.map(\.path) == [["resources", "requests", "cpu"]], "a memory limit implies the request")
        #expect(proxy.message.contains("cpu request"))
    }

    // MARK: Compose proposals

    @Test func composeMemoryLimitProposal() throws {
        let findings = try RuleHarness.audit(
            MemoryLimitRule.self, .compose,
            """
            services:
              web:
                image: nginx:1.27
              worker:
                image: example/worker:2.4
                pids_limit: 100
            """)
        let web = try #require(findings.first { $0.target.name == "web" })
        let change = try #require(web.fix?.changes.first)
        #expect(change.scope == .service)
        #expect(change.path == ["deploy", "resources", "limits", "memory"])
        #expect(change.operation == .set(.string("512M")))
        #expect(change.target.start.line == 3)
        let worker = try #require(findings.first { $0.target.name == "worker" })
        #expect(worker.fix?.changes.first?.path == ["mem_limit"])
    }

    @Test func composePIDsProposal() throws {
        let findings = try RuleHarness.audit(
            PIDsLimitRule.self, .compose,
            """
            services:
              web:
                image: nginx:1.27
              api:
                image: example/api:3.1
                deploy:
                  resources:
                    limits:
                      memory: 512M
              worker:
                image: example/worker:2.4
                pids_limit: 0
            """, parameters: ["pids": .int(64)])
        #expect(findings.count == 3)
        let web = try #require(findings.first { $0.target.name == "web" })
        #expect(web.fix?.kind == .decision, "the limit counts threads: Batten cannot know how many the service needs")
        #expect(web.fix?.changes.first?.path == ["deploy", "resources", "limits", "pids"])
        #expect(web.fix?.changes.first?.operation == .set(.int(64)))
        let api = try #require(findings.first { $0.target.name == "api" })
        #expect(api.fix?.changes.first?.path == ["deploy", "resources", "limits", "pids"])
        let worker = try #require(findings.first { $0.target.name == "worker" })
        #expect(worker.location.line == 12)
        #expect(worker.fix?.changes.first?.path == ["pids_limit"])
        #expect(worker.fix?.changes.first?.existing?.scalar == "0")
    }

    @Test func composeZeroLimitIsReplacedWhereItIsWritten() throws {
        let findings = try RuleHarness.audit(
            CPULimitRule.self, .compose,
            """
            services:
              web:
                image: nginx:1.27
                deploy:
                  resources:
                    limits:
                      cpus: "0"
            """, parameters: ["compose-cpus": .string("0.5")])
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.location.line == 7)
        let change = try #require(finding.fix?.changes.first)
        #expect(change.path == ["deploy", "resources", "limits", "cpus"])
        #expect(change.operation == .set(.string("0.5")))
        #expect(change.existing?.scalar == "0")
    }
}
