import BattenYAML
import Testing

@testable import Batten

/// Workloads of kinds beyond the built-in ones: OpenShift DeploymentConfigs, Argo Rollouts, and
/// any object with a pod template; and the warnings for objects that are skipped.
@Suite struct KubernetesExtraKindTests {
    @Test func deploymentConfigLoadsLikeADeployment() throws {
        let workload = try loadSingleWorkload(
            """
            apiVersion: apps.openshift.io/v1
            kind: DeploymentConfig
            metadata:
              name: frontend
            spec:
              replicas: 2
              selector:
                app: frontend
              template:
                metadata:
                  labels:
                    app: frontend
                spec:
                  hostNetwork: true
                  containers:
                  - name: web
                    image: nginx:1.27
                    securityContext:
                      privileged: true
            """)
        #expect(workload.kind == "DeploymentConfig")
        #expect(workload.name == "frontend")
        #expect(workload.kubernetes?.apiVersion == "apps.openshift.io/v1")
        #expect(workload.kubernetes?.auditNote == nil)
        #expect(workload.hostNetwork?.value == true)
        #expect(try workload.container("web").privileged?.value == true)
        #expect(workload.labels["app"]?.value == "frontend")
        #expect(FindingTarget(workload).displayName == "DeploymentConfig frontend")
    }

    @Test func rolloutLoadsLikeADeployment() throws {
        let workload = try loadSingleWorkload(
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: api
              namespace: shop
            spec:
              strategy:
                canary:
                  steps:
                  - setWeight: 20
              selector:
                matchLabels:
                  app: api
              template:
                metadata:
                  labels:
                    app: api
                spec:
                  containers:
                  - name: api
                    image: example/api:2.0
            """)
        #expect(workload.kind == "Rollout")
        #expect(workload.namespace == "shop")
        #expect(workload.kubernetes?.isLongRunning == true)
        #expect(try workload.container("api").image?.value == "example/api:2.0")
    }

    @Test func rolloutWithAWorkloadReferenceIsANoteNotAnError() throws {
        let result = try loadKubernetes(
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: api
            spec:
              workloadRef:
                apiVersion: apps/v1
                kind: Deployment
                name: api
            """)
        #expect(result.workloads.isEmpty)
        #expect(result.errors.isEmpty && result.warnings.isEmpty)
        #expect(result.notes.count == 1)
        #expect(result.notes.first?.message.contains("spec.workloadRef") == true)
        #expect(result.notes.first?.position?.line == 7)
    }

    @Test func anUnknownCustomResourceWithAPodTemplateIsAuditedWithANote() throws {
        let result = try loadKubernetes(
            """
            apiVersion: apps.kruise.io/v1alpha1
            kind: CloneSet
            metadata:
              name: shop
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: example/shop:1.0
            ---
            apiVersion: example.com/v1
            kind: NightlyTask
            metadata:
              name: report
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - name: report
                        image: example/report:1.0
            """)
        #expect(result.errors.isEmpty && result.warnings.isEmpty)
        let cloneSet = try result.workload("shop")
        #expect(cloneSet.kind == "CloneSet")
        #expect(
            cloneSet.kubernetes?.auditNote
                == "apps.kruise.io/v1alpha1 CloneSet is not a kind Batten knows; audited as a workload: its spec.template is a pod template")
        let task = try result.workload("report")
        #expect(task.kind == "NightlyTask")
        #expect(task.kubernetes?.isLongRunning == false)
        #expect(task.kubernetes?.auditNote?.contains("spec.jobTemplate.spec.template is a pod template") == true)
    }

    @Test func theNoteReachesEveryFindingOfTheWorkload() throws {
        let result = try loadKubernetes(
            """
            apiVersion: apps.kruise.io/v1alpha1
            kind: CloneSet
            metadata:
              name: shop
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: example/shop:1.0
                    securityContext:
                      privileged: true
            """)
        let auditor = Auditor(policy: ResolvedPolicy.only([PrivilegedContainerRule.self]), registry: [PrivilegedContainerRule.self])
        let findings = auditor.audit(result.workloads)
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.notes.contains { $0.contains("audited as a workload: its spec.template is a pod template") } })
    }

    @Test func aWorkloadKindUnderTheWrongAPIVersionIsALocatedWarning() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
            ---
            apiVersion: apps/v1
            kind: Pod
            metadata:
              name: debug
            spec:
              containers:
              - name: shell
                image: busybox:1.36
            """)
        #expect(result.workloads.isEmpty)
        #expect(result.errors.isEmpty)
        #expect(result.warnings.map(\.position?.line) == [1, 12])
        #expect(result.warnings.first?.message.contains("apiVersion v1 does not serve Deployment") == true)
        #expect(result.warnings.last?.message.contains("apiVersion apps/v1 does not serve Pod (use v1)") == true)
    }

    @Test func unknownKindsAreWarningsAndCustomResourcesOnePerKind() throws {
        let result = try loadKubernetes(
            """
            apiVersion: apps/v1
            kind: Deploymnet
            metadata:
              name: typo
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: one
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: two
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: three
            ---
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: tls
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: web
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            """)
        #expect(result.workloads.isEmpty)
        #expect(result.errors.isEmpty)
        #expect(result.warnings.map(\.position?.line) == [2, 7])
        #expect(result.warnings.first?.message.hasPrefix("skipped unknown kind apps/v1 Deploymnet typo") == true)
        #expect(result.warnings.last?.message.hasPrefix("skipped custom resource example.com/v1 Widget one (and 2 more objects of this kind)") == true)
        #expect(
            result.notes.map(\.message) == [
                "skipped custom resource cert-manager.io/v1 Certificate tls",
                "skipped custom resource monitoring.coreos.com/v1 ServiceMonitor web",
            ])
    }
}
