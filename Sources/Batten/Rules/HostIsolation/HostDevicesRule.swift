/// A host device exposed to a container.
public struct HostDevicesRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "host-devices",
        title: "Host device exposed",
        rationale: """
            A device node gives the container direct access to host hardware and kernel drivers: a block device \
            is the raw host disk (read every file, bypass permissions), `/dev/mem` or `/dev/kmsg` reach the kernel, \
            and every driver is more kernel attack surface. By default Compose grants read, write and mknod.
            """,
        remediation: """
            Remove the device. If the workload really needs hardware, expose only that device, with the narrowest \
            permissions (`:r`), or use a Kubernetes device plugin that allocates it.
            """,
        severity: .high,
        family: .hostIsolation,
        references: [.cisDocker("5.18")],
        formats: [.compose, .kubernetes],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  transcoder:
                    image: example/transcoder:4.0
                    devices:
                      - ↓/dev/dri/renderD128:/dev/dri/renderD128
                    volumes:
                      - ↓/dev/snd:/dev/snd
                """),
            .passing(
                .compose,
                """
                services:
                  transcoder:
                    image: example/transcoder:4.0
                    volumes:
                      - media:/media
                volumes:
                  media: {}
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: disk-tool
                spec:
                  containers:
                  - name: tool
                    image: example/disk-tool:1.1
                    volumeMounts:
                    - name: disk
                      mountPath: /dev/sda
                    - name: fuse
                      mountPath: /dev/fuse
                  volumes:
                  - name: disk
                    hostPath:
                      ↓path: /srv/disks/sda
                      type: BlockDevice
                  - name: fuse
                    hostPath:
                      ↓path: /dev/fuse
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: tool
                spec:
                  containers:
                  - name: tool
                    image: example/tool:1.1
                    volumeMounts:
                    - name: devices-config
                      mountPath: /etc/devices
                  volumes:
                  - name: devices-config
                    hostPath:
                      path: /srv/device-config
                      type: Directory
                """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for container in workload.containers {
            for device in container.devices {
                let who = FindingTarget(workload, container: container).displayName
                findings.append(
                    context.finding(
                        "\(who) exposes the host device \(device.value); remove it, or expose only the device needed, read-only",
                        at: device.node, in: workload, container: container, setting: "devices[\(device.value)]"))
            }
        }
        for use in HostPathUse.all(in: workload) {
            let isDeviceType = use.hostPathType == "CharDevice" || use.hostPathType == "BlockDevice"
            let isUnderDev = use.path.map { HostPath.isWithin($0, "/dev") } ?? false
            guard isDeviceType || isUnderDev else { continue }
            let who = FindingTarget(workload, container: use.container).displayName
            let what = isDeviceType ? "the host \(use.hostPathType == "BlockDevice" ? "block" : "character") device" : "the host device path"
            findings.append(
                context.finding(
                    "\(who) mounts \(what) \(use.written) (\(use.label)); remove it, or use a device plugin",
                    at: use.pathNode, in: workload, container: use.container,
                    setting: use.volumeName.map { "volumes.\($0).hostPath" } ?? "volumes[\(use.written)]"))
        }
        return findings
    }
}
