import BattenYAML
import Testing

@testable import Batten

@Suite struct KubernetesContainerRoleTests {
    static let manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: roles
        spec:
          ephemeralContainers:
            - name: debugger
              image: busybox
              targetContainerName: app
          containers:
            - name: app
              image: nginx
            - name: metrics
              image: exporter
          initContainers:
            - name: migrate
              image: migrate
            - name: proxy
              image: envoy
              restartPolicy: Always
            - name: wait
              image: busybox
              restartPolicy: Never
        """

    @Test func containersInitContainersAndEphemeralContainersInModelOrder() throws {
        let workload = try loadSingleWorkload(Self.manifest)
        #expect(workload.containers.map(\.name) == ["app", "metrics", "migrate", "proxy", "wait", "debugger"])
        #expect(workload.containers.map(\.role) == [.main, .main, .`init`, .sidecar, .`init`, .ephemeral])
        #expect(workload.containers.map(\.role.isLongRunning) == [true, true, false, true, false, false])
    }

    @Test func sidecarKeepsItsRestartPolicyWithItsNode() throws {
        let workload = try loadSingleWorkload(Self.manifest)
        let proxy = try workload.container("proxy")
        #expect(proxy.kubernetes?.restartPolicy?.value == "Always")
        #expect(proxy.kubernetes?.restartPolicy?.node.start.line == 20)
    }

    @Test func containerLocationIsTheLineOfItsName() throws {
        let workload = try loadSingleWorkload(Self.manifest)
        #expect(workload.containers.map(\.location.start.line) == [11, 13, 16, 18, 21, 7])
        #expect(workload.containers.allSatisfy { $0.location.start.column == 7 && $0.node.kind == .mapping })
    }

    @Test func containerWithoutANameIsAWarningAndStillLoads() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: anonymous
            spec:
              containers:
                - image: nginx
                  securityContext:
                    privileged: true
            """)
        let container = try #require(result.workloads.first?.containers.first)
        #expect(container.name == "spec.containers[0]")
        #expect(container.privileged?.value == true)
        #expect(result.warnings.map(\.message) == ["spec.containers[0] has no name"])
    }
}
