import BattenYAML

/// A host access that the image profile of a workload declares (``ImageProfile/HostAccess``), as the
/// host-isolation rules judge it.
///
/// A declared access is still reported, but at `low` severity with the profile's reason and without a
/// fix that removes it: the image cannot do its job without it, and the finding keeps the trade-off
/// visible (a read-only view of the host's `/proc` still tells an attacker in the container about every
/// process on the host). `low` rather than `info`, because the access is real and stays in reports that
/// hide `info`. A writable mount of a path the image needs only read-only keeps the rule's severity and
/// gets a fix that mounts it read-only (`known`, from the profile).
struct DeclaredHostAccess {
    /// The severity of a declared access used as declared.
    static let severity = Severity.low

    /// The entry of the profile.
    var access: ImageProfile.HostAccess
    /// How findings name the profile: `the node-exporter image profile`.
    var phrase: String

    /// `the node-exporter image profile declares it: <reason>`, for messages.
    var explanation: String { "\(phrase) declares it: \(access.reason)" }

    /// The evidence of a `known` fix: `the node-exporter image profile`.
    var fixReason: String { phrase }

    /// The declared access that covers the host path of `use`: for Compose, from the service's image
    /// profile; for Kubernetes, only when every container that mounts the volume runs an image whose
    /// profile declares it (the first one's entry). `/` never covers a runtime socket.
    static func covering(_ use: HostPathUse, in workload: Workload, context: RuleContext, socket: Bool = false) -> DeclaredHostAccess? {
        guard let path = use.path else { return nil }
        let containers: [Container]
        switch workload.format {
        case .compose:
            containers = use.container.map { [$0] } ?? []
        case .kubernetes:
            containers = workload.containers.filter { container in
                container.mounts.contains { $0.volumeName == use.volumeName && $0.kind == .hostPath }
            }
        }
        var found: DeclaredHostAccess?
        for container in containers {
            guard let match = context.imageProfile(for: workload, container: container),
                let access = match.profile.hostAccess(forPath: path)
            else { return nil }
            if socket, case .path(let declared, _) = access.kind, declared == "/" { return nil }
            if found == nil { found = DeclaredHostAccess(access: access, phrase: match.phrase) }
        }
        return found
    }

    /// The declared access for sharing the host's `namespace`: for Compose, from the service's image
    /// profile; for Kubernetes, only when the profile of every container's image declares it.
    static func covering(_ namespace: ImageProfile.HostAccess.Namespace, in workload: Workload, context: RuleContext) -> DeclaredHostAccess? {
        var found: DeclaredHostAccess?
        for container in workload.containers {
            guard let match = context.imageProfile(for: workload, container: container),
                let access = match.profile.hostAccess(for: namespace)
            else { return nil }
            if found == nil { found = DeclaredHostAccess(access: access, phrase: match.phrase) }
            if workload.format == .compose { break }
        }
        return found
    }

    /// True when `use` is mounted writable although the profile needs the path read-only only.
    func isWiderThanDeclared(_ use: HostPathUse) -> Bool {
        access.isReadOnlyPath && !use.readOnly && !use.targets.isEmpty
    }

    /// The fix that mounts the Compose bind `use` read-only, as the profile says is enough; nil for
    /// Kubernetes and for an item of a shape Batten cannot edit.
    func readOnlyFix(_ use: HostPathUse, in workload: Workload) -> Fix? {
        guard workload.format == .compose, isWiderThanDeclared(use),
            let replacement = BindMountRule.readOnlyItem(SequenceItemReplacement.writtenValue(use.node))
        else { return nil }
        return Fix(
            title: "Mount \(use.written) read-only, as the image needs it", kind: .known,
            changes: SequenceItemReplacement.changes(key: "volumes", item: use.node, replacement: replacement, service: workload.node),
            reason: fixReason)
    }
}

extension DeclaredHostAccess {
    /// The finding for the host path `use` that this access covers, described as `subject`
    /// (`the host path /proc`): `low` without a fix when it is mounted as declared; the rule's own
    /// severity (`level`) with a read-only fix when it is writable but the image needs it read-only.
    func finding(
        _ use: HostPathUse, subject: String, in workload: Workload, context: RuleContext, setting: String, at node: NodeRef,
        level: Severity? = nil
    ) -> Finding {
        let who = FindingTarget(workload, container: use.container).displayName
        if isWiderThanDeclared(use) {
            return context.finding(
                "\(who) mounts \(subject) (\(use.label)) writable, but \(phrase) needs it read-only only (\(access.reason)); mount it read-only",
                at: node, in: workload, container: use.container, setting: setting, severity: level,
                fix: readOnlyFix(use, in: workload))
        }
        let access = use.targets.isEmpty ? "not mounted" : use.readOnly ? "read-only" : "writable"
        return context.finding(
            "\(who) mounts \(subject) (\(use.label), \(access)); \(explanation); keep it "
                + (self.access.isReadOnlyPath ? "read-only and " : "") + "limited to this service",
            at: node, in: workload, container: use.container, setting: setting, severity: Self.severity)
    }
}

extension DeclaredHostAccess {
    /// The declared access for the namespace a `host-namespaces` setting shares (`pid`, `hostPID`,
    /// `network_mode`, `hostNetwork`); nil for the namespaces a profile cannot declare.
    static func covering(namespace key: String, in workload: Workload, context: RuleContext) -> DeclaredHostAccess? {
        switch key {
        case "pid", "hostPID": return covering(.pid, in: workload, context: context)
        case "network_mode", "hostNetwork": return covering(.network, in: workload, context: context)
        default: return nil
        }
    }

    /// What `runtime-socket` adds when the image's profile declares the mount that exposes the socket.
    /// The finding keeps its severity: whoever reaches a runtime socket controls the host, and neither
    /// the image's need nor a read-only mount (connecting is not a write) limits that.
    static func socketNote(_ declared: DeclaredHostAccess) -> String {
        "; \(declared.explanation), but the socket still hands over the host and read-only does not limit it, "
            + "so the finding keeps its severity: give it a socket proxy that allows only the read requests it makes"
    }
}
