import BattenYAML
import Foundation
import Testing

@testable import Batten

@Suite struct KubernetesServiceAccountTests {
    static let manifest = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: api
          namespace: shop
        automountServiceAccountToken: false
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
        automountServiceAccountToken: true
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: uses-api
          namespace: shop
        spec:
          serviceAccountName: api
          containers: [{name: app, image: nginx}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: other-namespace
          namespace: store
        spec:
          serviceAccountName: api
          containers: [{name: app, image: nginx}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: default-account
        spec:
          containers: [{name: app, image: nginx}]
        """

    @Test func linkMatchesNameAndNamespace() throws {
        let result = try loadKubernetes(Self.manifest)
        #expect(result.serviceAccounts.map(\.name) == ["api", "default"])
        var workloads = result.workloads
        KubernetesLoader.link(&workloads, serviceAccounts: result.serviceAccounts)
        let automount = workloads.map { $0.kubernetes?.serviceAccountAutomount?.value }
        #expect(automount == [false, nil, true])
        #expect(workloads[0].kubernetes?.serviceAccountAutomount?.node.start.line == 6)
    }

    @Test func inputLoaderLinksAcrossFiles() throws {
        let directory = try TemporaryDirectory.make("k8s-sa")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(
            """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: api, namespace: shop}
            automountServiceAccountToken: false
            """.utf8
        ).write(to: directory.appendingPathComponent("account.yaml"))
        try Data(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              template:
                spec:
                  serviceAccountName: api
                  containers: [{name: api, image: api}]
            """.utf8
        ).write(to: directory.appendingPathComponent("deployment.yaml"))
        let loaded = InputLoader().load(AnalysisRequest(paths: [directory.path], environment: [:]))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let workload = try #require(loaded.workloads.first)
        #expect(workload.kubernetes?.serviceAccountAutomount?.value == false)
        #expect(workload.kubernetes?.serviceAccountAutomount?.node.path.hasSuffix("account.yaml") == true)
    }
}
