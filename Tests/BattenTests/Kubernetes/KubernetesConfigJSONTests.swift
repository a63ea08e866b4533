import BattenYAML
import Testing

@testable import Batten

@Suite struct KubernetesConfigJSONTests {
    static let manifest = """
        # Source: chart/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            spec:
              securityContext:
                runAsUser: 1000
              volumes:
                - name: logs
                  hostPath: {path: /var/log, type: Directory}
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext:
                    runAsUser: 2000
                    capabilities: {drop: [ALL]}
                  env:
                    - name: PASSWORD
                      value: hunter2
                    - name: TOKEN
                      valueFrom: {secretKeyRef: {name: s, key: t}}
              initContainers:
                - name: init
                  image: busybox
        """

    static func render() throws -> JSONValue {
        KubernetesConfigJSON.render(try loadKubernetes(manifest, path: "deploy.yaml").workloads)
    }

    @Test func workloadHeader() throws {
        let workload = try #require(try Self.render().arrayItems.first)
        #expect(workload["kind"] == .string("Deployment"))
        #expect(workload["name"] == .string("web"))
        #expect(workload["namespace"] == .string("shop"))
        #expect(workload["file"] == .string("deploy.yaml"))
        #expect(workload["line"] == .int(9))
        #expect(workload["column"] == .int(5))
        #expect(workload["sourceTemplate"] == .string("chart/templates/deployment.yaml"))
        #expect(
            workload["volumes"]?.arrayItems.first?["hostPath"]
                == .object([("value", .string("/var/log")), ("line", .int(14)), ("column", .int(28))]))
        #expect(
            workload["pod"]?["securityContext"]?["runAsUser"]
                == .object([("value", .int(1000)), ("line", .int(11)), ("column", .int(20))]))
    }

    @Test func effectiveContainerSettingsWithPositions() throws {
        let containers = try #require(try Self.render().arrayItems.first?["containers"]?.arrayItems)
        #expect(containers.map { $0["name"] } == [.string("web"), .string("init")])
        #expect(containers.map { $0["role"] } == [.string("main"), .string("init")])
        #expect(containers[0]["line"] == .int(16))
        #expect(containers[0]["runAsUser"] == .object([("value", .int(2000)), ("line", .int(19)), ("column", .int(24))]))
        #expect(
            containers[1]["runAsUser"]
                == .object([("value", .int(1000)), ("line", .int(11)), ("column", .int(20)), ("from", .string("pod"))]))
        #expect(containers[0]["capabilities"]?["drop"]?.arrayItems.first?["value"] == .string("ALL"))
        #expect(containers[0]["privileged"] == .null)
    }

    @Test func literalEnvironmentValuesAreNotPrinted() throws {
        let json = try Self.render()
        let text = json.render(pretty: true)
        #expect(!text.contains("hunter2"))
        let env = try #require(json.arrayItems.first?["containers"]?.arrayItems.first?["env"]?.arrayItems)
        #expect(env[0]["literal"] == .bool(true))
        #expect(env[1]["valueFrom"] == .string("secretKeyRef"))
    }

    @Test func outputIsDeterministic() throws {
        #expect(try Self.render().render(pretty: true) == Self.render().render(pretty: true))
    }

    @Test func noWorkloadsIsAnEmptyArray() {
        #expect(KubernetesConfigJSON.render([]) == .array([]))
    }
}

extension JSONValue {
    var arrayItems: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }
}
