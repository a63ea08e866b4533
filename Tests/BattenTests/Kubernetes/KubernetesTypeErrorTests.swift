import BattenYAML
import Testing

@testable import Batten

@Suite struct KubernetesTypeErrorTests {
    @Test func wrongCollectionTypeIsALocatedErrorAndTheRestLoads() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: broken
            spec:
              hostNetwork: true
              containers: {a: b}
              initContainers:
                - name: init
                  image: busybox
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: fine
            spec:
              containers:
                - name: app
                  image: nginx
            """)
        #expect(result.workloads.map(\.name) == ["broken", "fine"])
        let broken = try result.workload("broken")
        #expect(broken.hostNetwork?.value == true)
        #expect(broken.containers.map(\.name) == ["init"])
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.message == "spec.containers must be a list, found a mapping")
        #expect(error.path == "test.yaml")
        #expect(error.position?.line == 7)
        #expect(error.position?.column == 15)
    }

    @Test func quotedNumberIsAWarningAndReadsAsUnset() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: quoted
            spec:
              securityContext:
                runAsUser: "1000"
                runAsGroup: 3000
              containers:
                - name: app
                  image: nginx
            """)
        let container = try #require(result.workloads.first?.containers.first)
        #expect(container.runAsUser == nil)
        #expect(container.runAsGroup?.value == 3000)
        #expect(result.errors.isEmpty)
        #expect(
            result.warnings.map(\.message) == [
                "spec.securityContext.runAsUser must be an integer, found the string \"1000\"; the value is ignored"
            ])
        #expect(result.warnings.first?.position?.line == 7)
        #expect(result.warnings.first?.position?.column == 16)
    }

    @Test(arguments: [
        ("true", true), ("yes", true), ("Yes", true), ("on", true), ("TRUE", true), ("y", true),
        ("false", false), ("no", false), ("off", false), ("N", false), ("!!bool true", true),
    ])
    func booleansReadAsYAML11(_ written: String, _ expected: Bool) throws {
        let workload = try loadSingleWorkload(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: flags
            spec:
              hostNetwork: \(written)
              containers:
                - name: app
                  image: nginx
                  securityContext:
                    privileged: \(written)
            """)
        #expect(workload.hostNetwork?.value == expected)
        #expect(workload.containers.first?.privileged?.value == expected)
    }

    @Test(arguments: ["\"true\"", "'yes'", "1", "[true]", "{a: b}"])
    func nonBooleansAreIgnoredWithADiagnostic(_ written: String) throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: flags
            spec:
              hostNetwork: \(written)
              containers:
                - name: app
                  image: nginx
            """)
        let workload = try #require(result.workloads.first)
        #expect(workload.hostNetwork == nil)
        #expect(workload.containers.count == 1)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.position?.line == 6)
    }

    @Test func integersInYAMLForms() throws {
        let workload = try loadSingleWorkload(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: numbers
            spec:
              securityContext:
                runAsUser: 0x3E8
                runAsGroup: !!int "2000"
                fsGroup: 1_000
              containers:
                - name: app
                  image: nginx
            """)
        let pod = try #require(workload.kubernetes?.podSecurityContext)
        #expect(pod.runAsUser?.value == 1000)
        #expect(pod.runAsGroup?.value == 2000)
        #expect(pod.fsGroup?.value == 1000)
    }

    @Test func nullValuesAreUnsetWithoutDiagnostics() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: nulls
            spec:
              securityContext:
              hostNetwork: ~
              volumes: null
              containers:
                - name: app
                  image: nginx
                  securityContext: {}
                  resources:
                  env:
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let workload = try #require(result.workloads.first)
        #expect(workload.hostNetwork == nil)
        #expect(workload.kubernetes?.podSecurityContext.node == nil)
        #expect(workload.containers.first?.kubernetes?.securityContext.node != nil)
    }

    @Test func everyShapeOfWrongValueLoadsWithoutCrashing() throws {
        let fields = [
            "securityContext", "containers", "volumes", "hostPID", "os", "serviceAccountName",
            "automountServiceAccountToken", "restartPolicy",
        ]
        let containerFields = [
            "name", "image", "securityContext", "ports", "resources", "env", "envFrom", "volumeMounts",
            "livenessProbe", "lifecycle", "restartPolicy",
        ]
        let values = ["{a: b}", "[1, 2]", "\"text\"", "12", "true", "[{x: y}]", "{capabilities: 3, seccompProfile: [1]}"]
        for value in values {
            for field in fields {
                let containers = field == "containers" ? "" : "\n  containers: [{name: app, image: nginx}]"
                let result = try loadKubernetes(
                    """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: shape}
                    spec:
                      \(field): \(value)\(containers)
                    """)
                #expect(result.workloads.count == 1)
            }
            for field in containerFields {
                let others = [
                    ("name", "app"), ("image", "nginx"),
                    ("securityContext", "{capabilities: {add: \(value)}, seccompProfile: \(value)}"),
                ].filter { $0.0 != field }.map { "\n      \($0.0): \($0.1)" }.joined()
                let result = try loadKubernetes(
                    """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: shape}
                    spec:
                      volumes: [{name: v, hostPath: \(value)}]
                      containers:
                        - \(field): \(value)\(others)
                    """)
                #expect(result.workloads.count == 1)
            }
        }
        for metadata in ["[1]", "{name: [1]}", "{labels: [a]}", "{annotations: {a: [b]}}"] {
            let result = try loadKubernetes(
                """
                apiVersion: v1
                kind: Pod
                metadata: \(metadata)
                spec: {containers: [{name: app, image: nginx}]}
                """)
            #expect(result.workloads.count == 1)
        }
        for root in [
            "kind: [Pod]\napiVersion: v1", "kind: List\napiVersion: v1\nitems: {a: b}",
            "kind: List\napiVersion: v1\nitems: [1, [2], {kind: Pod}]", "apiVersion: v1\nkind: Pod\nspec: [1]",
        ] {
            _ = try loadKubernetes(root)
        }
    }

    @Test func aliasesAndMergeKeysAreFollowed() throws {
        let workload = try loadSingleWorkload(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: anchors
            spec:
              securityContext: &restricted
                runAsNonRoot: true
                runAsUser: &uid 1000
              containers:
                - &base
                  name: app
                  image: nginx
                  securityContext:
                    <<: *restricted
                    runAsUser: 2000
                - <<: *base
                  name: copy
                  securityContext:
                    runAsUser: *uid
            """)
        let app = try workload.container("app")
        #expect(app.runAsUser?.value == 2000)
        #expect(app.runAsNonRoot?.value == true)
        #expect(app.runAsNonRoot?.node.start.line == 7)
        let copy = try workload.container("copy")
        #expect(copy.image?.value == "nginx")
        #expect(copy.runAsUser?.value == 1000)
        #expect(copy.runAsUser?.node.start.line == 19)
    }
}

@Suite struct KubernetesTemplateShapeTests {
    @Test func templateOfTheWrongTypeIsOneError() throws {
        let result = try loadKubernetes(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shapes}
            spec:
              template: [not, a, mapping]
            """)
        #expect(result.workloads.isEmpty)
        #expect(result.errors.map(\.message) == ["spec.template must be a mapping, found a list"])
        #expect(result.errors.first?.position?.line == 5)
    }
}
