/// A mount that propagates mount events between the host and the container.
public struct MountPropagationRule: ContainerRule {
    public init() {}

    public static let description = RuleDescription(
        id: "mount-propagation",
        title: "Shared mount propagation",
        rationale: """
            With shared propagation (`shared`, `rshared`, Kubernetes `Bidirectional`) mounts the container makes \
            appear on the host and in every other container that shares the mount: a compromised container can \
            mount over host paths. With slave propagation (`slave`, `rslave`, `HostToContainer`) every mount the \
            host makes below the path, such as a newly attached disk, appears inside the container.
            """,
        remediation: """
            Remove the propagation setting (the default is private). Only storage drivers that must publish \
            mounts to the host need it, and they belong in a reviewed, privileged system component.
            """,
        severity: .high,
        family: .hostIsolation,
        references: [.cisDocker("5.20")],
        formats: [.compose, .kubernetes],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  storage:
                    image: example/storage:1.9
                    volumes:
                      - type: bind
                        source: /mnt/storage
                        target: /mnt/storage
                        bind:
                          ↓propagation: rshared
                """),
            .passing(
                .compose,
                """
                services:
                  storage:
                    image: example/storage:1.9
                    volumes:
                      - type: bind
                        source: /mnt/storage
                        target: /mnt/storage
                        bind:
                          propagation: rprivate
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: csi-node
                spec:
                  containers:
                  - name: driver
                    image: example/csi-driver:2.4
                    volumeMounts:
                    - name: pods
                      mountPath: /var/lib/kubelet/pods
                      ↓mountPropagation: Bidirectional
                    - name: plugins
                      mountPath: /plugins
                      ↓mountPropagation: HostToContainer
                  volumes:
                  - name: pods
                    hostPath:
                      path: /var/lib/kubelet/pods
                  - name: plugins
                    emptyDir: {}
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: app
                spec:
                  containers:
                  - name: app
                    image: example/app:2.3
                    volumeMounts:
                    - name: data
                      mountPath: /data
                      mountPropagation: None
                  volumes:
                  - name: data
                    emptyDir: {}
                """),
        ])

    public func checkContainer(_ container: Container, in workload: Workload, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for mount in container.mounts {
            guard let propagation = mount.propagation else { continue }
            let mode = propagation.value
            let level: Severity
            switch mode.lowercased() {
            case "shared", "rshared", "bidirectional": level = .high
            case "slave", "rslave", "hosttocontainer": level = .medium
            default: continue
            }
            let who = FindingTarget(workload, container: container).displayName
            let direction =
                level == .high
                ? "mounts made in the container reach the host"
                : "mounts made on the host appear in the container"
            findings.append(
                context.finding(
                    "\(who) mounts \(mount.target) with \(mode) propagation: \(direction); remove the propagation setting",
                    at: propagation.node, in: workload, container: container,
                    setting: "volumes[\(mount.target)].propagation", severity: level))
        }
        return findings
    }
}
