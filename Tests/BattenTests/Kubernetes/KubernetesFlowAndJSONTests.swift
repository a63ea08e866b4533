import BattenYAML
import Testing

@testable import Batten

@Suite struct KubernetesFlowAndJSONTests {
    @Test func flowStyleManifest() throws {
        let workload = try loadSingleWorkload(
            """
            {apiVersion: apps/v1, kind: Deployment, metadata: {name: flow, namespace: ns},
             spec: {template: {spec: {securityContext: {runAsUser: 1000},
               containers: [{name: app, image: "nginx:1.27", securityContext: {allowPrivilegeEscalation: false,
                 capabilities: {drop: [ALL]}}, ports: [{containerPort: 80, hostPort: 8080}]}]}}}}
            """)
        #expect(workload.name == "flow")
        #expect(workload.location.start.line == 2)
        #expect(workload.location.start.column == 20)
        let container = try workload.container("app")
        #expect(container.location.start.line == 3)
        #expect(container.location.start.column == 17)
        #expect(container.runAsUser?.value == 1000)
        #expect(container.runAsUser?.node.start.column == 56)
        #expect(container.allowPrivilegeEscalation?.value == false)
        #expect(container.capabilitiesDropped.map(\.value) == ["ALL"])
        #expect(container.capabilitiesDropNode?.start.line == 4)
        #expect(container.ports.first?.published == "8080")
    }

    static let json = """
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "from-json", "labels": {"app": "json"}},
          "spec": {
            "hostPID": true,
            "securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
            "containers": [
              {
                "name": "app",
                "image": "nginx:1.27",
                "securityContext": {"readOnlyRootFilesystem": true, "runAsUser": 1000},
                "resources": {"limits": {"cpu": "500m", "memory": "64Mi"}}
              }
            ]
          }
        }
        """

    @Test func jsonManifest() throws {
        let workload = try loadSingleWorkload(Self.json, path: "pod.json")
        #expect(workload.name == "from-json")
        #expect(workload.hostPID?.value == true)
        #expect(workload.location.start.line == 5)
        #expect(workload.location.start.column == 3)
        let container = try workload.container("app")
        #expect(container.location.start.line == 9)
        #expect(container.runAsNonRoot?.value == true)
        #expect(container.runAsNonRoot?.node.start.line == 7)
        #expect(container.seccomp?.value.kind == .runtimeDefault)
        #expect(container.readOnlyRootFilesystem?.value == true)
        #expect(container.runAsUser?.value == 1000)
        #expect(container.limits.memory?.value == "64Mi")
    }

    @Test func jsonFileThroughTheInputLoader() throws {
        let path = KubernetesTestPaths.fixture("pod.json")
        let loaded = InputLoader().load(AnalysisRequest(paths: [path], environment: [:]))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.workloads.map(\.name) == ["from-json"])
        #expect(loaded.workloads.first?.path == path)
        #expect(loaded.workloads.first?.containers.first?.runAsUser?.node.path == path)
    }
}
