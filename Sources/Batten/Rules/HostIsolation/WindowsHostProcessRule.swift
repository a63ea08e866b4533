/// A Windows HostProcess pod or container.
///
/// As the Pod Security Standards check (`check_windowsHostProcess.go`) does, the pod level and
/// each container's own `securityContext` are looked at separately: one finding at the pod's
/// setting covers the containers that inherit it, and a container that sets it itself gets its own.
public struct WindowsHostProcessRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "windows-host-process",
        title: "Windows HostProcess container",
        rationale: """
            A Windows HostProcess container runs directly on the node as a host process, with the host's network, \
            filesystem and, typically, a SYSTEM or administrator account: it has no container isolation at all.
            """,
        remediation: "Remove `windowsOptions.hostProcess: true`; run node administration tasks outside the cluster's workloads.",
        severity: .critical,
        family: .hostIsolation,
        references: [.pss(.baseline, "HostProcess")],
        formats: [.kubernetes],
        examples: [
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: node-setup
                spec:
                  os:
                    name: windows
                  hostNetwork: true
                  securityContext:
                    windowsOptions:
                      ↓hostProcess: true
                      runAsUserName: "NT AUTHORITY\\\\SYSTEM"
                  containers:
                  - name: setup
                    image: example/node-setup:ltsc2022
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: node-setup
                spec:
                  os:
                    name: windows
                  containers:
                  - name: setup
                    image: example/node-setup:ltsc2022
                    securityContext:
                      windowsOptions:
                        ↓hostProcess: true
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: iis
                spec:
                  os:
                    name: windows
                  securityContext:
                    windowsOptions:
                      hostProcess: false
                  containers:
                  - name: iis
                    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
                """),
        ])

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let who = FindingTarget(workload).displayName
        if let pod = workload.kubernetes?.podSecurityContext.windowsHostProcess, pod.value {
            findings.append(
                context.finding(
                    "\(who) runs as a Windows HostProcess pod (`securityContext.windowsOptions.hostProcess: true`); remove it",
                    at: pod.node, in: workload, setting: "securityContext.windowsOptions.hostProcess"))
        }
        for container in workload.containers {
            guard let own = container.kubernetes?.securityContext.windowsHostProcess, own.value else { continue }
            let name = FindingTarget(workload, container: container).displayName
            findings.append(
                context.finding(
                    "\(name) runs as a Windows HostProcess container (`windowsOptions.hostProcess: true`); remove it",
                    at: own.node, in: workload, container: container, setting: "securityContext.windowsOptions.hostProcess"))
        }
        return findings
    }
}
