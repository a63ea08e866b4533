import BattenYAML
import Testing

@testable import Batten

/// The builders loaders fill, and the loading step that runs after workloads are built.
@Suite struct WorkloadBuilderTests {
    @Test func buildKeepsEveryFieldSet() throws {
        let node = HandBuiltModel.node()
        var container = ContainerBuilder(name: "web", location: node, node: node)
        container.role = .sidecar
        container.image = Sourced("nginx:1.27", node)
        container.privileged = Sourced(true, node)
        container.capabilitiesDropped = [Sourced("ALL", node)]
        container.environment = [EnvironmentVariable(name: "MODE", value: "prod", rawValue: "prod", node: node)]
        var workload = WorkloadBuilder(
            format: .compose, kind: "service", name: "web", path: "compose.yaml", location: node, node: node,
            objectNode: node)
        workload.hostPID = Sourced(true, node)
        workload.labels["tier"] = Sourced("front", node)
        workload.containers = [container]

        let built = workload.build()
        #expect(built.name == "web" && built.kind == "service" && built.path == "compose.yaml")
        #expect(built.hostPID?.value == true && built.hostNetwork == nil)
        #expect(built.labels["tier"]?.value == "front")
        #expect(built.containers.map(\.name) == ["web"])
        let frozen = try #require(built.containers.first)
        #expect(frozen.role == .sidecar)
        #expect(frozen.image?.value == "nginx:1.27")
        #expect(frozen.privileged?.value == true)
        #expect(frozen.capabilitiesDropped.map(\.value) == ["ALL"])
        #expect(frozen.environment.map(\.name) == ["MODE"])
        #expect(frozen.readOnlyRootFilesystem == nil && frozen.mounts.isEmpty)
    }

    @Test func linkingAServiceAccountKeepsTheRestOfTheWorkload() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: api}
            automountServiceAccountToken: false
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop, labels: {tier: front}}
            spec:
              template:
                spec:
                  serviceAccountName: api
                  hostPID: true
                  securityContext: {runAsUser: 1000}
                  containers: [{name: app, image: nginx}, {name: log, image: busybox}]
            """)
        var workloads = result.workloads
        KubernetesLoader.link(&workloads, serviceAccounts: result.serviceAccounts)
        let before = try #require(result.workloads.first)
        let after = try #require(workloads.first)
        #expect(before.kubernetes?.serviceAccountAutomount == nil, "the loaded workload is not changed")
        #expect(after.kubernetes?.serviceAccountAutomount?.value == false)
        #expect(after.id == before.id && after.displayName == before.displayName)
        #expect(after.hostPID?.value == true && after.labels["tier"]?.value == "front")
        #expect(after.containers.map(\.name) == ["app", "log"])
        #expect(after.containers.map { $0.runAsUser?.value } == [1000, 1000])
        #expect(after.kubernetes?.serviceAccountName?.value == "api")
    }
}
