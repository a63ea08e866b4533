import BattenYAML
import Testing

@testable import Batten

@Suite struct KubernetesObjectStreamTests {
    @Test func multiDocumentStreamWithEmptyDocuments() throws {
        let result = try loadKubernetes(
            """
            ---
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: first
            spec:
              containers:
                - name: app
                  image: nginx
            ---

            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: second
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: nginx
            ...
            ---
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.workloads.map(\.name) == ["first", "second"])
        #expect(result.workloads.map(\.location.start.line) == [9, 22])
    }

    @Test func listUnwrapsItems() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: nginx
              - apiVersion: v1
                kind: Service
                metadata:
                  name: web
              - apiVersion: v1
                kind: Pod
                metadata:
                  name: debug
                spec:
                  containers:
                    - name: debug
                      image: busybox
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.workloads.map(\.name) == ["web", "debug"])
        #expect(result.workloads.map(\.kind) == ["Deployment", "Pod"])
        let web = try result.workload("web")
        #expect(web.objectNode.start.line == 4)
        #expect(web.location.start.line == 10)
        #expect(web.containers.first?.location.start.line == 12)
    }

    @Test func typedListItemsInheritKindAndNestedListsUnwrap() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: PodList
            items:
              - metadata:
                  name: bare
                spec:
                  containers:
                    - name: app
                      image: nginx
              - apiVersion: v1
                kind: List
                items:
                  - apiVersion: batch/v1
                    kind: Job
                    metadata:
                      name: nested
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                            - name: job
                              image: busybox
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.workloads.map(\.kind) == ["Pod", "Job"])
        #expect(result.workloads.map(\.name) == ["bare", "nested"])
    }

    @Test func emptyListIsSkippedQuietly() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: List
            items: []
            ---
            apiVersion: v1
            kind: List
            metadata:
              resourceVersion: ""
            """)
        #expect(result.diagnostics.isEmpty)
        #expect(result.workloads.isEmpty)
    }

    @Test func knownCustomResourcesGiveNotesAndUnknownKindsWarnings() throws {
        let result = try loadKubernetes(
            """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: web
              namespace: shop
            ---
            apiVersion: v1
            kind: Gizmo
            metadata:
              name: thing
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: deny
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            """)
        #expect(result.workloads.isEmpty)
        #expect(result.errors.isEmpty)
        #expect(result.notes.map(\.message) == ["skipped custom resource monitoring.coreos.com/v1 ServiceMonitor shop/web"])
        #expect(result.notes.map(\.position?.line) == [1])
        #expect(
            result.warnings.map(\.message) == [
                "skipped unknown kind v1 Gizmo thing: Kubernetes serves no such kind, so it is not audited"
            ])
        #expect(result.warnings.map(\.position?.line) == [8])
    }

    @Test func documentsThatAreNotObjectsAreWarnings() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: good
            spec:
              containers:
                - name: app
                  image: nginx
            ---
            - just
            - a list
            ---
            name: no kind here
            ---
            plain scalar
            """)
        #expect(result.workloads.map(\.name) == ["good"])
        #expect(result.warnings.map(\.position?.line) == [10, 13, 15])
        #expect(
            result.warnings.map(\.message) == [
                "document is not a Kubernetes object (found a list); skipped",
                "object has no apiVersion and kind; skipped",
                "document is not a Kubernetes object (found the string \"plain scalar\"); skipped",
            ])
    }

    @Test func serviceAccountsAreCollected() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: api
              namespace: shop
            automountServiceAccountToken: false
            """)
        #expect(result.diagnostics.isEmpty)
        let account = try #require(result.serviceAccounts.first)
        #expect(account.name == "api")
        #expect(account.namespace == "shop")
        #expect(account.automountServiceAccountToken?.value == false)
        #expect(account.automountServiceAccountToken?.node.start.line == 6)
    }
}
