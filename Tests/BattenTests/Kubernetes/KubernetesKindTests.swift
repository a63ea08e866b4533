import BattenYAML
import Testing

@testable import Batten

/// A workload kind, its API version and the keys from the root to its pod template.
struct WorkloadKindCase: Sendable, CustomTestStringConvertible {
    let kind: String
    let apiVersion: String
    let templatePath: [String]
    let longRunning: Bool

    var testDescription: String { kind }

    static let all: [WorkloadKindCase] = [
        WorkloadKindCase(kind: "Pod", apiVersion: "v1", templatePath: [], longRunning: true),
        WorkloadKindCase(kind: "Deployment", apiVersion: "apps/v1", templatePath: ["spec", "template"], longRunning: true),
        WorkloadKindCase(kind: "ReplicaSet", apiVersion: "apps/v1", templatePath: ["spec", "template"], longRunning: true),
        WorkloadKindCase(kind: "StatefulSet", apiVersion: "apps/v1", templatePath: ["spec", "template"], longRunning: true),
        WorkloadKindCase(kind: "DaemonSet", apiVersion: "apps/v1", templatePath: ["spec", "template"], longRunning: true),
        WorkloadKindCase(kind: "Job", apiVersion: "batch/v1", templatePath: ["spec", "template"], longRunning: false),
        WorkloadKindCase(kind: "ReplicationController", apiVersion: "v1", templatePath: ["spec", "template"], longRunning: true),
        WorkloadKindCase(
            kind: "CronJob", apiVersion: "batch/v1", templatePath: ["spec", "jobTemplate", "spec", "template"],
            longRunning: false),
        WorkloadKindCase(kind: "PodTemplate", apiVersion: "v1", templatePath: ["template"], longRunning: true),
    ]

    /// A manifest of this kind whose pod spec line carries `# pod-spec`, with one container and
    /// pod-level and container-level settings.
    var manifest: String {
        var lines = [
            "apiVersion: \(apiVersion)", "kind: \(kind)", "metadata:", "  name: sample", "  namespace: team",
            "  labels:", "    tier: object",
        ]
        var indent = ""
        for (index, key) in templatePath.enumerated() {
            lines.append(indent + key + ":")
            indent += "  "
            if index == templatePath.count - 1 {
                lines += [indent + "metadata:", indent + "  labels:", indent + "    tier: template", indent + "    app: sample"]
            }
        }
        lines += [
            indent + "spec:  # pod-spec",
            indent + "  hostNetwork: true",
            indent + "  securityContext:",
            indent + "    runAsUser: 1000",
            indent + "  containers:",
            indent + "    - name: app  # container",
            indent + "      image: nginx:1.27",
            indent + "      securityContext:",
            indent + "        privileged: true",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    var podSpecColumn: Int { templatePath.count * 2 + 1 }
}

@Suite struct KubernetesKindTests {
    @Test(arguments: WorkloadKindCase.all)
    func everyKindYieldsOneWorkload(_ kindCase: WorkloadKindCase) throws {
        let text = kindCase.manifest
        let result = try loadKubernetes(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let workload = try #require(result.workloads.first)
        #expect(result.workloads.count == 1)
        #expect(workload.format == .kubernetes)
        #expect(workload.kind == kindCase.kind)
        #expect(workload.name == "sample")
        #expect(workload.namespace == "team")
        #expect(workload.path == "test.yaml")
        #expect(workload.displayName == "\(kindCase.kind) team/sample")
        #expect(workload.kubernetes?.apiVersion == kindCase.apiVersion)
        #expect(workload.kubernetes?.isLongRunning == kindCase.longRunning)

        let specLine = try #require(lineNumber(of: "# pod-spec", in: text))
        #expect(workload.location.start.line == specLine)
        #expect(workload.location.start.column == kindCase.podSpecColumn)
        #expect(workload.location.scalar == "spec")
        #expect(workload.node.kind == .mapping)
        #expect(workload.node.start.line == specLine + 1)
        #expect(workload.objectNode.start.line == 1)
        #expect(workload.objectNode.id == workload.objectNode.document.root)

        #expect(workload.hostNetwork?.value == true)
        let container = try workload.container("app")
        #expect(container.role == .main)
        #expect(container.location.start.line == lineNumber(of: "# container", in: text))
        #expect(container.node == container.location)
        #expect(container.image?.value == "nginx:1.27")
        #expect(container.privileged?.value == true)
        #expect(container.runAsUser?.value == 1000)
        #expect(container.runAsUser?.node.start.line == specLine + 3)

        if kindCase.templatePath.isEmpty {
            #expect(workload.labels["tier"]?.value == "object")
            #expect(workload.kubernetes?.templateMetadataNode == nil)
        } else {
            #expect(workload.labels["tier"]?.value == "template")
            #expect(workload.labels["app"]?.value == "sample")
            #expect(workload.kubernetes?.templateMetadataNode != nil)
        }
        #expect(workload.kubernetes?.metadataNode?.start.line == 4)
    }

    @Test func workloadKindsFromAnotherGroupAreAuditedForTheirPodTemplate() throws {
        let result = try loadKubernetes(
            """
            apiVersion: apps.kruise.io/v1beta1
            kind: StatefulSet
            metadata:
              name: kruise
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: nginx
            """)
        #expect(result.workloads.map(\.kind) == ["StatefulSet"])
        #expect(result.diagnostics.isEmpty)
        #expect(result.workloads.first?.kubernetes?.auditNote?.hasPrefix("apps.kruise.io/v1beta1 StatefulSet is not a kind Batten knows") == true)
    }

    @Test func legacyGroupsStillYieldWorkloads() throws {
        let workload = try loadSingleWorkload(
            """
            apiVersion: extensions/v1beta1
            kind: Deployment
            metadata:
              name: old
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: nginx
            """)
        #expect(workload.kind == "Deployment")
    }

    @Test func workloadWithoutPodTemplateIsALocatedError() throws {
        let result = try loadKubernetes(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              replicas: 2
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
        #expect(result.workloads.map(\.name) == ["fine"])
        let error = try #require(result.errors.first)
        #expect(error.message == "Deployment broken has no spec.template")
        #expect(error.position?.line == 6)
    }

    @Test func generateNameStandsInForAMissingName() throws {
        let workload = try loadSingleWorkload(
            """
            apiVersion: batch/v1
            kind: Job
            metadata:
              generateName: migrate-
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: app
                      image: migrate
            """)
        #expect(workload.name == "migrate-")
        #expect(workload.namespace == nil)
    }
}
