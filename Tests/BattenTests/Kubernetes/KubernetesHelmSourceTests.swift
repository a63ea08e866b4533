import BattenYAML
import Foundation
import Testing

@testable import Batten

@Suite struct KubernetesHelmSourceTests {
    @Test func sourceCommentsNameTheTemplateOfEachDocument() throws {
        let result = try loadKubernetes(
            """
            ---
            # Source: shop/templates/serviceaccount.yaml
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: shop
            ---
            # Source: shop/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop
            spec:
              template:
                spec:
                  containers:
                    - name: shop
                      image: shop:1.0
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: hand-written
            spec:
              containers:
                - name: app
                  image: nginx
            ---
            #   Source:   shop/templates/tests/test-connection.yaml  \r
            # a note in between
            apiVersion: v1
            kind: Pod
            metadata:
              name: shop-test
              annotations:
                # Source: not/this.yaml
                helm.sh/hook: test
            spec:
              containers:
                - name: wget
                  image: busybox
            """, path: "-")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.workloads.map(\.name) == ["shop", "hand-written", "shop-test"])
        #expect(
            result.workloads.map(\.sourceTemplate) == [
                "shop/templates/deployment.yaml", nil, "shop/templates/tests/test-connection.yaml",
            ])
        #expect(result.workloads.allSatisfy { $0.path == "-" })
    }

    @Test func sourceCommentBeforeTheFirstMarkerAndInAList() throws {
        let result = try loadKubernetes(
            """
            # Source: chart/templates/all.yaml
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: a}
                spec: {containers: [{name: a, image: a}]}
              - apiVersion: v1
                kind: Pod
                metadata: {name: b}
                spec: {containers: [{name: b, image: b}]}
            """)
        #expect(result.workloads.map(\.sourceTemplate) == ["chart/templates/all.yaml", "chart/templates/all.yaml"])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: KubernetesTestPaths.helmSample.path)))
    func renderedSample() throws {
        let loaded = InputLoader().load(AnalysisRequest(paths: [KubernetesTestPaths.helmSample.path], environment: [:]))
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        #expect(!loaded.workloads.isEmpty)
        for workload in loaded.workloads {
            #expect(workload.sourceTemplate?.hasPrefix("mychart/templates/") == true, "\(workload.displayName)")
        }
        #expect(loaded.diagnostics.contains { $0.level == .note && $0.message.contains("ServiceMonitor") })
    }
}
