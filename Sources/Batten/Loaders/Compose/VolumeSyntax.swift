import BattenYAML

/// One service `volumes` entry, short (`SOURCE:TARGET:MODE`, `TARGET`) or long (`type`, `source`,
/// `target`, `read_only`, `bind`, `volume`, `tmpfs`), as written after interpolation.
struct ComposeVolumeSpec: Sendable {
    /// `bind`, `volume`, `tmpfs`, `npipe`, `cluster` or `image`.
    var type: String
    /// As written (nil for an anonymous volume or tmpfs).
    var source: String?
    var target: String
    var readOnly: Bool
    /// Mount propagation (`rshared`, `rslave` …) and the node that set it.
    var propagation: String?
    var propagationNode: NodeRef?
    /// `z` / `Z`.
    var selinux: String?
    /// Short-syntax binds create a missing host path; long syntax says so with `bind.create_host_path`.
    var createHostPath: Bool?
    var nocopy: Bool?
    var subpath: String?
    var tmpfsSize: String?
    var tmpfsMode: String?
    /// True when the long syntax has a `bind:` / `volume:` / `tmpfs:` mapping (Compose prints it back).
    var hasBindOptions = false
    var hasVolumeOptions = false
    var hasTmpfsOptions = false
    var isLongSyntax = false
    /// The `volumes` item.
    var node: NodeRef?

    var mountKind: MountKind {
        switch type {
        case "bind": return .bind
        case "tmpfs": return .tmpfs
        case "npipe": return .npipe
        case "cluster": return .cluster
        case "image": return .image
        default: return .volume
        }
    }

    static func parse(_ item: SourcedTree) -> Result<ComposeVolumeSpec, ComposeSyntaxError> {
        switch item {
        case .scalar(let scalar):
            guard let text = item.text, !text.isEmpty else {
                return .failure(ComposeSyntaxError("a volume must not be empty"))
            }
            return parseShort(text, node: scalar.node)
        case .mapping:
            return parseLong(item)
        case .sequence:
            return .failure(ComposeSyntaxError("a volume must be a string or a mapping, not a list"))
        }
    }

    /// Parses `SOURCE:TARGET[:MODE]` or `TARGET` the way Compose does: a one-letter section followed by
    /// `:` is a Windows drive, modes are comma-separated (`ro`, `rw`, `z`, `Z`, propagation, `nocopy`).
    static func parseShort(_ spec: String, node: NodeRef?) -> Result<ComposeVolumeSpec, ComposeSyntaxError> {
        var volume = ComposeVolumeSpec(type: "volume", source: nil, target: "", readOnly: false, node: node)
        if spec.utf8.count <= 2 {
            volume.target = spec
            return .success(volume)
        }
        var sections: [String] = []
        var buffer: [Character] = []
        for character in spec {
            if character == ":" {
                if buffer.count == 1, buffer[0].isLetter {
                    buffer.append(character)
                    continue
                }
                guard !buffer.isEmpty else {
                    return .failure(ComposeSyntaxError("invalid volume \"\(spec)\": empty section between colons"))
                }
                sections.append(String(buffer))
                buffer = []
            } else {
                buffer.append(character)
            }
        }
        guard !buffer.isEmpty else {
            return .failure(ComposeSyntaxError("invalid volume \"\(spec)\": empty section between colons"))
        }
        sections.append(String(buffer))
        switch sections.count {
        case 1:
            volume.target = sections[0]
        case 2:
            volume.source = sections[0]
            volume.target = sections[1]
        case 3:
            volume.source = sections[0]
            volume.target = sections[1]
            for option in sections[2].split(separator: ",").map(String.init) {
                switch option {
                case "ro": volume.readOnly = true
                case "rw": volume.readOnly = false
                case "nocopy": volume.nocopy = true
                case "z", "Z": volume.selinux = option
                case "shared", "rshared", "slave", "rslave", "private", "rprivate":
                    volume.propagation = option
                    volume.propagationNode = node
                default: break
                }
            }
        default:
            return .failure(ComposeSyntaxError("invalid volume \"\(spec)\": too many colons"))
        }
        if let source = volume.source, ComposePaths.isHostPathSource(source) {
            volume.type = "bind"
            volume.createHostPath = true
        }
        return .success(volume)
    }

    static func parseLong(_ item: SourcedTree) -> Result<ComposeVolumeSpec, ComposeSyntaxError> {
        guard let type = item["type"]?.text else {
            return .failure(ComposeSyntaxError("a long-syntax volume needs a type (bind, volume, tmpfs …)"))
        }
        let known: Set<String> = ["bind", "volume", "tmpfs", "npipe", "cluster", "image"]
        guard known.contains(type) else {
            return .failure(ComposeSyntaxError("unknown volume type \"\(type)\""))
        }
        guard let target = item["target"]?.text, !target.isEmpty else {
            return .failure(ComposeSyntaxError("a long-syntax volume needs a target"))
        }
        var volume = ComposeVolumeSpec(
            type: type, source: item["source"]?.text, target: target, readOnly: item["read_only"]?.bool ?? false,
            node: item.node)
        volume.isLongSyntax = true
        if type == "bind", volume.source == nil || volume.source == "" {
            return .failure(ComposeSyntaxError("a bind mount needs a source"))
        }
        if let bind = item["bind"], bind.isMapping {
            volume.hasBindOptions = true
            if let propagation = bind["propagation"], let text = propagation.text {
                volume.propagation = text
                volume.propagationNode = propagation.node
            }
            volume.createHostPath = bind["create_host_path"]?.bool
            volume.selinux = bind["selinux"]?.text
        }
        if let options = item["volume"], options.isMapping {
            volume.hasVolumeOptions = true
            volume.nocopy = options["nocopy"]?.bool
            volume.subpath = options["subpath"]?.text
        }
        if let options = item["tmpfs"], options.isMapping {
            volume.hasTmpfsOptions = true
            volume.tmpfsSize = options["size"]?.text
            volume.tmpfsMode = options["mode"]?.scalar.map { $0.raw ?? $0.value }
        }
        return .success(volume)
    }
}
