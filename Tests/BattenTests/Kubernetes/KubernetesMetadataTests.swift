import BattenYAML
import Testing

@testable import Batten

@Suite struct KubernetesMetadataTests {
    static let manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
            tier: object
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: unconfined
            batten.dev/ignore.no-liveness-probe: probed by the mesh
            owner: platform
        spec:
          template:
            metadata:
              labels:
                tier: template
              annotations:
                seccomp.security.alpha.kubernetes.io/pod: runtime/default
                container.seccomp.security.alpha.kubernetes.io/web: localhost/web.json
                container.apparmor.security.beta.kubernetes.io/web: runtime/default
                batten.dev/ignore.host-path.web: needs the socket
                batten.dev/ignore.run-as-root:
                owner: team
            spec:
              containers:
                - name: web
                  image: nginx
        """

    @Test func labelsAndAnnotationsMergeWithTheTemplateWinning() throws {
        let workload = try loadSingleWorkload(Self.manifest)
        #expect(workload.labels.mapValues(\.value) == ["app": "web", "tier": "template"])
        #expect(workload.labels["tier"]?.node.start.line == 16)
        #expect(workload.annotations["owner"]?.value == "team")
        #expect(workload.annotations["seccomp.security.alpha.kubernetes.io/pod"]?.value == "runtime/default")
        #expect(workload.annotations.count == 7)
    }

    @Test func legacyAnnotationsComeFromThePodTemplate() throws {
        let pod = try #require(try loadSingleWorkload(Self.manifest).kubernetes)
        #expect(
            pod.seccompAnnotations.mapValues(\.value) == [
                "seccomp.security.alpha.kubernetes.io/pod": "runtime/default",
                "container.seccomp.security.alpha.kubernetes.io/web": "localhost/web.json",
            ])
        #expect(pod.seccompAnnotations["seccomp.security.alpha.kubernetes.io/pod"]?.node.start.line == 18)
        #expect(
            pod.appArmorAnnotations.mapValues(\.value) == [
                "container.apparmor.security.beta.kubernetes.io/web": "runtime/default"
            ])
        #expect(pod.metadataNode?.start.line == 4)
        #expect(pod.templateMetadataNode?.start.line == 15)
    }

    @Test func legacyAnnotationsOfABarePod() throws {
        let pod = try #require(
            try loadSingleWorkload(
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: bare
                  annotations:
                    seccomp.security.alpha.kubernetes.io/pod: unconfined
                spec:
                  containers:
                    - name: app
                      image: nginx
                """
            ).kubernetes)
        #expect(pod.seccompAnnotations["seccomp.security.alpha.kubernetes.io/pod"]?.value == "unconfined")
    }

    @Test func inlineSuppressionsFromObjectAndTemplate() throws {
        let workload = try loadSingleWorkload(Self.manifest)
        let suppressions = workload.suppressions.map { "\($0.ruleID)|\($0.container ?? "-")|\($0.reason)|\($0.node.start.line)" }
        #expect(
            suppressions == [
                "no-liveness-probe|-|probed by the mesh|10",
                "host-path|web|needs the socket|21",
                "run-as-root|-||22",
            ])
    }
}
