import BattenYAML

/// Lexical handling of host paths (Compose bind sources, Kubernetes `hostPath.path`): normalisation
/// and containment on whole path segments, so that `/etcd` is not under `/etc`.
enum HostPath {
    /// `path` with `.` and `..` segments resolved and repeated or trailing slashes removed; nil when
    /// the path is not absolute. Nothing is read from disk: symbolic links are not followed.
    static func normalized(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        // For an absolute path Go's `filepath.Clean`, which Compose uses, is this normal form.
        return ComposePaths.clean(path)
    }

    /// True when `path` is `ancestor` or lies below it (both normalised).
    static func isWithin(_ path: String, _ ancestor: String) -> Bool {
        if ancestor == "/" { return true }
        return path == ancestor || path.hasPrefix(ancestor + "/")
    }

    /// The entry of `list` that makes `path` sensitive: `path` equals it, lies below it, or contains it
    /// (mounting `/var` exposes `/var/run`). `/` only ever matches `/` itself.
    static func sensitiveMatch(_ path: String, in list: [String]) -> String? {
        for entry in list {
            guard let sensitive = normalized(entry) else { continue }
            if sensitive == "/" {
                if path == "/" { return sensitive }
                continue
            }
            if isWithin(path, sensitive) || isWithin(sensitive, path) { return sensitive }
        }
        return nil
    }
}

/// A path of the host that a workload mounts: a Compose bind mount or a Kubernetes hostPath volume.
struct HostPathUse {
    /// The source as written (`./src`, `~/.ssh`, `/var/run/docker.sock`).
    var written: String
    /// The absolute, normalised source; nil when it could not be resolved (an unexpanded `~`, a
    /// relative path without a project directory, a Windows path).
    var path: String?
    /// True when the source names the home directory (`~`, `~/…`) and could not be resolved.
    var isHome: Bool
    /// True when the source lies inside the Compose project directory (the project's own files).
    var isInsideProject: Bool
    /// True when every use is read-only (Compose `:ro` / `read_only`, every Kubernetes `readOnly` mount).
    var readOnly: Bool
    /// Kubernetes `hostPath.type`.
    var hostPathType: String?
    /// The entry to report: the Compose `volumes` item, or the Kubernetes pod `volumes` item.
    var node: NodeRef
    /// Where a finding about the path itself points: the `hostPath.path` value for Kubernetes, the
    /// `volumes` item for Compose.
    var pathNode: NodeRef
    /// The Compose container; nil for a Kubernetes pod volume (it belongs to the pod).
    var container: Container?
    /// The Kubernetes volume name.
    var volumeName: String?
    /// The container path (Compose) or the mount paths of the containers that mount it (Kubernetes).
    var targets: [String]
    /// Compose: the named volume whose definition binds the host path, when the mount names one.
    var namedVolumeBind: NamedVolumeBind? = nil

    /// Every host path `workload` mounts: Compose binds and named volumes whose definition binds a
    /// host path (``NamedVolumeBind``), and every Kubernetes hostPath pod volume, mounted or not.
    static func all(in workload: Workload) -> [HostPathUse] {
        switch workload.format {
        case .compose: return composeBinds(in: workload)
        case .kubernetes: return kubernetesHostPaths(in: workload)
        }
    }

    private static func composeBinds(in workload: Workload) -> [HostPathUse] {
        let projectDirectory = workload.compose.flatMap { HostPath.normalized($0.projectDirectory) }
        var uses: [HostPathUse] = []
        for container in workload.containers {
            for mount in container.mounts where mount.kind == .bind || mount.namedVolumeBind != nil {
                let written = mount.namedVolumeBind?.device ?? mount.source ?? ""
                var isHome = false
                var path: String?
                if let resolved = mount.resolvedSource, let absolute = HostPath.normalized(resolved) {
                    path = absolute
                } else if let absolute = HostPath.normalized(written) {
                    path = absolute
                } else if written == "~" || written.hasPrefix("~/") {
                    isHome = true
                } else if written.hasPrefix("."), mount.namedVolumeBind == nil, let projectDirectory {
                    path = HostPath.normalized(projectDirectory + "/" + written)
                }
                var inside = false
                if let path, let projectDirectory, projectDirectory != "/" {
                    inside = HostPath.isWithin(path, projectDirectory)
                }
                uses.append(
                    HostPathUse(
                        written: written, path: path, isHome: isHome, isInsideProject: inside,
                        readOnly: mount.readOnly || mount.namedVolumeBind?.readOnly == true, hostPathType: nil, node: mount.node, pathNode: mount.node,
                        container: container, volumeName: nil,
                        targets: [mount.target], namedVolumeBind: mount.namedVolumeBind))
            }
        }
        return uses
    }

    private static func kubernetesHostPaths(in workload: Workload) -> [HostPathUse] {
        guard let details = workload.kubernetes else { return [] }
        var uses: [HostPathUse] = []
        for volume in details.volumes where volume.kind == .hostPath {
            let written = volume.hostPath ?? ""
            let mounts = workload.containers.flatMap { container in
                container.mounts.filter { $0.volumeName == volume.name && $0.kind == .hostPath }
            }
            uses.append(
                HostPathUse(
                    written: written, path: HostPath.normalized(written), isHome: false, isInsideProject: false,
                    readOnly: mounts.allSatisfy(\.readOnly), hostPathType: volume.hostPathType, node: volume.node,
                    pathNode: volume.hostPathNode ?? volume.node, container: nil, volumeName: volume.name,
                    targets: mounts.map(\.target)))
        }
        return uses
    }

    /// What the source is, in the order the rules report it: a use is reported once, as a runtime
    /// socket (`runtime-socket`), else as a sensitive path among `sensitivePaths`
    /// (`sensitive-host-path`), else as a plain host path (`bind-mount`).
    func classification(sensitivePaths: [String]) -> HostPathClass {
        if let socket = RuntimeSocketRule.exposedSocket(self) { return .runtimeSocket(socket) }
        if isHome {
            if sensitivePaths.contains(where: { $0 == "/home" || $0 == "/root" }) { return .sensitive("the home directory") }
            return .plain
        }
        guard let path, !isInsideProject, let sensitive = HostPath.sensitiveMatch(path, in: sensitivePaths) else {
            return .plain
        }
        if path == sensitive { return .sensitive(path) }
        if HostPath.isWithin(path, sensitive) { return .sensitive("\(path) (under \(sensitive))") }
        return .sensitive("\(path), which contains \(sensitive)")
    }

    /// The source as written, followed for a named volume by the definition that makes it a bind:
    /// `/srv/data (volume `data` is a bind of /srv/data, driver_opts at compose.yaml:12)`.
    var writtenAndVolume: String {
        guard let namedVolumeBind else { return written }
        return "\(written) (\(namedVolumeBind.label))"
    }

    /// `hostPath volume "name" (/path)`, `bind mount ./src`, or `volume `name` is a bind of /path,
    /// driver_opts at compose.yaml:30`, for messages.
    var label: String {
        if let volumeName { return "hostPath volume \"\(volumeName)\" (\(written))" }
        if let namedVolumeBind { return namedVolumeBind.label }
        return "bind mount \(written)"
    }
}

/// How a host path use is reported; see ``HostPathUse/classification(sensitivePaths:)``.
enum HostPathClass: Equatable {
    /// A container runtime socket, or a directory that holds one (described).
    case runtimeSocket(String)
    /// A sensitive host path (described).
    case sensitive(String)
    /// Any other host path.
    case plain
}
