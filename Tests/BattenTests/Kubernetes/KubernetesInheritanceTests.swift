import BattenYAML
import Testing

@testable import Batten

/// A container setting the pod `securityContext` provides as a default.
enum InheritedField: String, CaseIterable, Sendable {
    case runAsUser, runAsGroup, runAsNonRoot, seccomp, appArmor, seLinux, windowsHostProcess

    /// The YAML lines (relative indentation) that set the field; the line of the deciding node ends with `marker`.
    func lines(pod: Bool, marker: String) -> [String] {
        switch self {
        case .runAsUser: return ["runAsUser: \(pod ? 1000 : 2000)  \(marker)"]
        case .runAsGroup: return ["runAsGroup: \(pod ? 3000 : 4000)  \(marker)"]
        case .runAsNonRoot: return ["runAsNonRoot: \(pod ? "true" : "false")  \(marker)"]
        case .seccomp:
            return ["seccompProfile:", "  type: \(pod ? "RuntimeDefault" : "Unconfined")  \(marker)"]
        case .appArmor:
            return pod
                ? ["appArmorProfile:", "  type: Localhost  \(marker)", "  localhostProfile: pod-profile"]
                : ["appArmorProfile:", "  type: Unconfined  \(marker)"]
        case .seLinux:
            return ["seLinuxOptions:", "  level: \(pod ? "s0:c1,c2" : "s0:c3,c4")  \(marker)"]
        case .windowsHostProcess:
            return ["windowsOptions:", "  hostProcess: \(pod ? "true" : "false")  \(marker)"]
        }
    }

    /// The value the pod or the container sets, as `effective(_:)` describes it.
    func expected(pod: Bool) -> String {
        switch self {
        case .runAsUser: return pod ? "1000" : "2000"
        case .runAsGroup: return pod ? "3000" : "4000"
        case .runAsNonRoot: return pod ? "true" : "false"
        case .seccomp: return pod ? "runtimeDefault" : "unconfined"
        case .appArmor: return pod ? "localhost:pod-profile" : "unconfined"
        case .seLinux: return pod ? "s0:c1,c2" : "s0:c3,c4"
        case .windowsHostProcess: return pod ? "true" : "false"
        }
    }

    /// The container's effective value as text, with the node that decided it.
    func effective(_ container: Container) -> (value: String, node: NodeRef)? {
        switch self {
        case .runAsUser: return container.runAsUser.map { (String($0.value), $0.node) }
        case .runAsGroup: return container.runAsGroup.map { (String($0.value), $0.node) }
        case .runAsNonRoot: return container.runAsNonRoot.map { (String($0.value), $0.node) }
        case .seccomp: return container.seccomp.map { (Self.describe($0.value), $0.node) }
        case .appArmor: return container.appArmor.map { (Self.describe($0.value), $0.node) }
        case .seLinux: return container.seLinux.map { ($0.value.level ?? "", $0.node) }
        case .windowsHostProcess: return container.windowsHostProcess.map { (String($0.value), $0.node) }
        }
    }

    /// True when the raw settings of one level set the field.
    func isSet(in settings: SecurityContextSettings) -> Bool {
        switch self {
        case .runAsUser: return settings.runAsUser != nil
        case .runAsGroup: return settings.runAsGroup != nil
        case .runAsNonRoot: return settings.runAsNonRoot != nil
        case .seccomp: return settings.seccompProfile != nil
        case .appArmor: return settings.appArmorProfile != nil
        case .seLinux: return settings.seLinuxOptions != nil
        case .windowsHostProcess: return settings.windowsHostProcess != nil
        }
    }

    private static func describe(_ profile: SecurityProfile) -> String {
        profile.profile.map { "\(profile.kind.rawValue):\($0)" } ?? profile.kind.rawValue
    }
}

/// Which level of a pod sets a field.
enum SettingPlace: String, CaseIterable, Sendable {
    case neither, pod, container, both

    var pod: Bool { self == .pod || self == .both }
    var container: Bool { self == .container || self == .both }
}

@Suite struct KubernetesInheritanceTests {
    /// A Deployment whose pod and container `securityContext` set `field` as `place` says; both
    /// levels also carry an unrelated setting so that neither mapping is ever empty.
    static func manifest(_ field: InheritedField, _ place: SettingPlace) -> String {
        var lines = [
            "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: matrix", "spec:", "  template:",
            "    spec:", "      securityContext:", "        fsGroup: 2000",
        ]
        if place.pod { lines += field.lines(pod: true, marker: "# pod-value").map { "        " + $0 } }
        lines += [
            "      containers:", "        - name: app", "          image: nginx", "          securityContext:",
            "            readOnlyRootFilesystem: true",
        ]
        if place.container { lines += field.lines(pod: false, marker: "# container-value").map { "            " + $0 } }
        lines += ["        - name: other", "          image: busybox"]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: InheritedField.allCases, SettingPlace.allCases)
    func effectiveValueAndDecidingNode(_ field: InheritedField, _ place: SettingPlace) throws {
        let text = Self.manifest(field, place)
        let result = try loadKubernetes(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let workload = try #require(result.workloads.first)
        let app = try workload.container("app")
        let other = try workload.container("other")
        let podLine = lineNumber(of: "# pod-value", in: text)
        let containerLine = lineNumber(of: "# container-value", in: text)

        switch place {
        case .neither:
            #expect(field.effective(app) == nil)
            #expect(field.effective(other) == nil)
        case .pod:
            let effective = try #require(field.effective(app))
            #expect(effective.value == field.expected(pod: true))
            #expect(effective.node.start.line == podLine)
            #expect(field.effective(other)?.node.start.line == podLine)
        case .container, .both:
            let effective = try #require(field.effective(app))
            #expect(effective.value == field.expected(pod: false))
            #expect(effective.node.start.line == containerLine)
            if place == .both {
                #expect(field.effective(other)?.value == field.expected(pod: true))
                #expect(field.effective(other)?.node.start.line == podLine)
            } else {
                #expect(field.effective(other) == nil)
            }
        }

        // Raw values stay where they were written.
        #expect(field.isSet(in: workload.kubernetes?.podSecurityContext ?? SecurityContextSettings()) == place.pod)
        #expect(field.isSet(in: app.kubernetes?.securityContext ?? SecurityContextSettings()) == place.container)
        #expect(!field.isSet(in: other.kubernetes?.securityContext ?? SecurityContextSettings()))
    }

    @Test func containerOnlyFieldsAreNeverInherited() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: misplaced
            spec:
              securityContext:
                runAsNonRoot: true
                allowPrivilegeEscalation: false
                readOnlyRootFilesystem: true
                privileged: false
                procMount: Default
                capabilities:
                  drop: [ALL]
              containers:
                - name: app
                  image: nginx
            """)
        let container = try #require(result.workloads.first?.containers.first)
        #expect(container.runAsNonRoot?.value == true)
        #expect(container.allowPrivilegeEscalation == nil)
        #expect(container.readOnlyRootFilesystem == nil)
        #expect(container.privileged == nil)
        #expect(container.procMount == nil)
        #expect(container.capabilitiesDropped.isEmpty)
        #expect(result.warnings.map(\.position?.line) == [8, 9, 10, 11, 12])
        #expect(
            result.warnings.first?.message
                == "allowPrivilegeEscalation belongs in a container securityContext; here Kubernetes ignores it")
    }

    @Test func podOnlyFieldsInAContainerAreWarnings() throws {
        let result = try loadKubernetes(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: misplaced
            spec:
              containers:
                - name: app
                  image: nginx
                  securityContext:
                    fsGroup: 1000
            """)
        #expect(result.warnings.map(\.message) == ["fsGroup belongs in the pod securityContext; here Kubernetes ignores it"])
        #expect(result.workloads.first?.kubernetes?.podSecurityContext.fsGroup == nil)
    }

    @Test func inheritanceAppliesToInitSidecarAndEphemeralContainers() throws {
        let workload = try loadSingleWorkload(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: roles
            spec:
              securityContext:
                runAsUser: 1000
                seccompProfile:
                  type: RuntimeDefault
              initContainers:
                - name: init
                  image: busybox
                - name: sidecar
                  image: envoy
                  restartPolicy: Always
                  securityContext:
                    runAsUser: 0
              containers:
                - name: app
                  image: nginx
              ephemeralContainers:
                - name: debug
                  image: busybox
            """)
        #expect(workload.containers.map(\.runAsUser?.value) == [1000, 1000, 0, 1000])
        #expect(workload.containers.map(\.seccomp?.value.kind) == Array(repeating: .runtimeDefault, count: 4))
        #expect(workload.containers.map(\.runAsUser?.node.start.line) == [7, 7, 17, 7])
    }
}
