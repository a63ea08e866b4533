import BattenYAML
import Testing

@testable import Batten

@Suite struct KubernetesPodSettingsTests {
    static let manifest = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: store
          namespace: shop
        spec:
          serviceName: store
          template:
            spec:
              hostNetwork: true
              hostPID: yes
              hostIPC: false
              hostUsers: false
              serviceAccount: legacy-account
              automountServiceAccountToken: off
              restartPolicy: Always
              os:
                name: linux
              securityContext:
                fsGroup: 2000
                supplementalGroups: [4000, 5000]
                sysctls:
                  - name: net.core.somaxconn
                    value: "1024"
              volumes:
                - name: host-logs
                  hostPath:
                    path: /var/log
                    type: Directory
                - name: scratch
                - name: config
                  configMap:
                    name: store-config
                - name: nfs-share
                  nfs:
                    server: nfs.local
                    path: /exports
              containers:
                - name: store
                  image: registry.example.com/store:1.2
                  imagePullPolicy: Always
                  ports:
                    - containerPort: 8080
                    - containerPort: 53
                      hostPort: 5353
                      hostIP: 127.0.0.1
                      protocol: UDP
                  resources:
                    requests:
                      cpu: 100m
                      memory: 128Mi
                    limits:
                      cpu: 1
                      memory: 1Gi
                      ephemeral-storage: 2Gi
                  livenessProbe:
                    httpGet:
                      host: 10.0.0.1
                      path: /health
                      port: 8080
                  readinessProbe:
                    tcpSocket:
                      port: 8080
                  startupProbe:
                    exec:
                      command: [true]
                  lifecycle:
                    postStart:
                      tcpSocket:
                        host: metadata.internal
                        port: 80
                    preStop:
                      sleep:
                        seconds: 5
                  env:
                    - name: PLAIN
                      value: hello
                    - name: EMPTY
                    - name: TOKEN
                      valueFrom:
                        secretKeyRef:
                          name: store-secrets
                          key: token
                    - name: NODE
                      valueFrom:
                        fieldRef:
                          fieldPath: spec.nodeName
                  envFrom:
                    - configMapRef:
                        name: store-config
                    - prefix: DB_
                      secretRef:
                        name: db
                  volumeMounts:
                    - name: host-logs
                      mountPath: /logs
                      readOnly: true
                      mountPropagation: HostToContainer
                    - name: scratch
                      mountPath: /tmp
                    - name: data
                      mountPath: /data
          volumeClaimTemplates:
            - metadata:
                name: data
              spec:
                accessModes: [ReadWriteOnce]
        """

    @Test func loadsWithoutDiagnostics() throws {
        let result = try loadKubernetes(Self.manifest)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func podLevelSettings() throws {
        let workload = try loadSingleWorkload(Self.manifest)
        let pod = try #require(workload.kubernetes)
        #expect(workload.hostNetwork?.value == true)
        #expect(workload.hostNetwork?.node.start.line == 10)
        #expect(workload.hostPID?.value == true)
        #expect(workload.hostIPC?.value == false)
        #expect(workload.hostUsers?.value == false)
        #expect(workload.hostUTS == nil)
        #expect(pod.serviceAccountName?.value == "legacy-account")
        #expect(pod.automountServiceAccountToken?.value == false)
        #expect(pod.automountServiceAccountToken?.node.start.line == 15)
        #expect(pod.restartPolicy?.value == "Always")
        #expect(pod.isLongRunning)
        #expect(pod.osName?.value == "linux")
        #expect(pod.podSecurityContext.fsGroup?.value == 2000)
        #expect(pod.podSecurityContext.supplementalGroups.map(\.value) == [4000, 5000])
        #expect(workload.sysctls.map(\.value) == [Sysctl(name: "net.core.somaxconn", value: "1024")])
        #expect(workload.sysctls.first?.node.start.line == 23)
        #expect(pod.podSecurityContext.sysctls.count == 1)
    }

    @Test func volumesByType() throws {
        let workload = try loadSingleWorkload(Self.manifest)
        let volumes = try #require(workload.kubernetes?.volumes)
        #expect(volumes.map(\.name) == ["host-logs", "scratch", "config", "nfs-share"])
        #expect(volumes.map(\.kind.name) == ["hostPath", "emptyDir", "configMap", "nfs"])
        #expect(volumes[0].hostPath == "/var/log")
        #expect(volumes[0].hostPathType == "Directory")
        #expect(volumes[0].hostPathNode?.start.line == 28)
        #expect(volumes[0].node.start.line == 26)
        #expect(volumes[3].hostPath == nil)
        #expect(workload.kubernetes?.volumesNode?.start.line == 26)
    }

    @Test func mountsJoinTheirVolumes() throws {
        let container = try loadSingleWorkload(Self.manifest).container("store")
        #expect(container.mounts.map(\.target) == ["/logs", "/tmp", "/data"])
        #expect(container.mounts.map(\.kind.name) == ["hostPath", "emptyDir", "persistentVolumeClaim"])
        let logs = container.mounts[0]
        #expect(logs.source == "/var/log")
        #expect(logs.resolvedSource == "/var/log")
        #expect(logs.readOnly)
        #expect(logs.propagation?.value == "HostToContainer")
        #expect(logs.hostPathType == "Directory")
        #expect(logs.volumeName == "host-logs")
        #expect(logs.node.start.line == 95)
        #expect(logs.volumeNode?.start.line == 26)
        #expect(container.mounts[1].source == "scratch")
        #expect(!container.mounts[1].readOnly)
        #expect(container.mounts[2].volumeNode?.start.line == 104)
    }

    @Test func ports() throws {
        let container = try loadSingleWorkload(Self.manifest).container("store")
        #expect(container.ports.count == 2)
        #expect(container.ports[0].target == "8080")
        #expect(container.ports[0].published == nil)
        #expect(container.ports[0].proto == "tcp")
        #expect(!container.ports[0].isPublished)
        #expect(container.ports[1].target == "53")
        #expect(container.ports[1].published == "5353")
        #expect(container.ports[1].hostIP == "127.0.0.1")
        #expect(container.ports[1].proto == "udp")
        #expect(container.ports[1].isPublished && !container.ports[1].isPublishedOnAllInterfaces)
        #expect(container.ports[1].node.start.line == 44)
    }

    @Test func resources() throws {
        let container = try loadSingleWorkload(Self.manifest).container("store")
        #expect(container.requests.cpu?.value == "100m")
        #expect(container.requests.memory?.value == "128Mi")
        #expect(container.requests.ephemeralStorage == nil)
        #expect(container.limits.cpu?.value == "1")
        #expect(container.limits.memory?.value == "1Gi")
        #expect(container.limits.ephemeralStorage?.value == "2Gi")
        #expect(container.limits.memory?.node.start.line == 54)
        #expect(container.kubernetes?.resourcesNode?.start.line == 49)
    }

    @Test func probesAndLifecycleHandlers() throws {
        let container = try loadSingleWorkload(Self.manifest).container("store")
        #expect(container.livenessProbe?.handler == .httpGet)
        #expect(container.livenessProbe?.host?.value == "10.0.0.1")
        #expect(container.livenessProbe?.host?.node.start.line == 58)
        #expect(container.readinessProbe?.handler == .tcpSocket)
        #expect(container.readinessProbe?.host == nil)
        #expect(container.startupProbe?.handler == .exec)
        #expect(container.lifecycleHandlers.map(\.kind) == [.postStart, .preStop])
        #expect(container.lifecycleHandlers.map(\.handler) == [.tcpSocket, .sleep])
        #expect(container.lifecycleHandlers.first?.host?.value == "metadata.internal")
    }

    @Test func imageAndEnvironment() throws {
        let container = try loadSingleWorkload(Self.manifest).container("store")
        #expect(container.image?.value == "registry.example.com/store:1.2")
        #expect(container.kubernetes?.imagePullPolicy?.value == "Always")
        let env = container.environment
        #expect(env.map(\.name) == ["PLAIN", "EMPTY", "TOKEN", "NODE"])
        #expect(env[0].value == "hello" && env[0].isLiteral && env[0].valueNode?.start.line == 77)
        #expect(env[1].value == "" && env[1].rawValue == nil)
        #expect(env[2].value == nil && env[2].valueFrom == "secretKeyRef" && !env[2].isLiteral)
        #expect(env[3].valueFrom == "fieldRef")
        #expect(env[2].node.start.line == 79)
        #expect(container.kubernetes?.envFrom.map(\.value) == ["configMapRef:store-config", "secretRef:db"])
    }

    @Test func runToCompletionPodsAreNotLongRunning() throws {
        for (policy, longRunning) in [("Never", false), ("OnFailure", false), ("Always", true)] {
            let workload = try loadSingleWorkload(
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: once
                spec:
                  restartPolicy: \(policy)
                  containers:
                    - name: app
                      image: busybox
                """)
            #expect(workload.kubernetes?.isLongRunning == longRunning)
        }
    }

    @Test func serviceAccountNameWinsOverTheDeprecatedField() throws {
        let workload = try loadSingleWorkload(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: account
            spec:
              serviceAccountName: current
              serviceAccount: legacy
              containers:
                - name: app
                  image: nginx
            """)
        #expect(workload.kubernetes?.serviceAccountName?.value == "current")
    }

    @Test func undefinedVolumeIsAWarning() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: mounts
            spec:
              containers:
                - name: app
                  image: nginx
                  volumeMounts:
                    - name: missing
                      mountPath: /data
            """)
        #expect(
            result.warnings.map(\.message) == [
                "spec.containers[0].volumeMounts[0] names volume \"missing\", which the pod does not define"
            ])
        #expect(result.warnings.first?.position?.line == 10)
        #expect(result.workloads.first?.containers.first?.mounts.first?.kind == .other("undefined"))
    }
}
