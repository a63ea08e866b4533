import BattenYAML

/// One `ports` entry, short (`[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, ranges allowed) or long
/// (`target`, `published`, `host_ip`, `protocol`, `mode`), as written after interpolation.
struct ComposePortSpec: Sendable {
    /// The host address without IPv6 brackets; nil when none is given.
    var hostIP: String?
    /// The host port or range; nil when not published.
    var published: String?
    /// The container port or range.
    var target: String
    /// `tcp`, `udp` or `sctp`, lower case.
    var proto: String
    /// Long syntax `mode` (`ingress` / `host`); nil when not written.
    var mode: String?
    var name: String?
    var appProtocol: String?
    /// The `ports` item.
    var node: NodeRef?
    /// True when the entry is a mapping (long syntax).
    var isLongSyntax = false

    /// One port of a range as `docker compose config` prints it.
    struct Binding: Sendable, Hashable {
        var mode: String
        var hostIP: String?
        var target: Int
        var published: String?
        var proto: String
        var name: String?
        var appProtocol: String?
    }

    /// Parses a `ports` item; the error message says what is wrong.
    static func parse(_ item: SourcedTree) -> Result<ComposePortSpec, ComposeSyntaxError> {
        switch item {
        case .scalar(let scalar):
            guard !item.isNull else { return .failure(ComposeSyntaxError("a port must not be empty")) }
            return parseShort(scalar.value, node: scalar.node)
        case .mapping:
            return parseLong(item)
        case .sequence:
            return .failure(ComposeSyntaxError("a port must be a string, a number or a mapping, not a list"))
        }
    }

    static func parseShort(_ text: String, node: NodeRef?) -> Result<ComposePortSpec, ComposeSyntaxError> {
        let parts = text.split(onASCII: ":", omittingEmptySubsequences: false).map(String.init)
        var rawIP = ""
        var hostPort = ""
        var containerPart = parts[parts.count - 1]
        switch parts.count {
        case 1: break
        case 2: hostPort = parts[0]
        case 3:
            rawIP = parts[0]
            hostPort = parts[1]
        default:
            rawIP = parts[..<(parts.count - 2)].joined(separator: ":")
            hostPort = parts[parts.count - 2]
        }
        var proto = "tcp"
        if let (port, protocolName) = containerPart.cut(atFirstASCII: "/") {
            proto = String(protocolName).lowercased()
            containerPart = String(port)
        }
        if rawIP.hasPrefix("[") {
            guard rawIP.hasSuffix("]"), rawIP.count >= 2 else {
                return .failure(ComposeSyntaxError("invalid IP address \(rawIP) in port \"\(text)\""))
            }
            rawIP = String(rawIP.dropFirst().dropLast())
        }
        if !rawIP.isEmpty && !isIPAddress(rawIP) {
            return .failure(ComposeSyntaxError("invalid IP address \(rawIP) in port \"\(text)\""))
        }
        guard !containerPart.isEmpty else {
            return .failure(ComposeSyntaxError("no container port in \"\(text)\""))
        }
        guard let containerRange = portRange(containerPart) else {
            return .failure(ComposeSyntaxError("invalid container port \(containerPart) in \"\(text)\""))
        }
        if !hostPort.isEmpty {
            guard let hostRange = portRange(hostPort) else {
                return .failure(ComposeSyntaxError("invalid host port \(hostPort) in \"\(text)\""))
            }
            if containerRange.count != hostRange.count && containerRange.count != 1 {
                return .failure(
                    ComposeSyntaxError(
                        "invalid ranges for container and host ports: \(containerPart) and \(hostPort) in \"\(text)\""))
            }
        }
        guard proto == "tcp" || proto == "udp" || proto == "sctp" else {
            return .failure(ComposeSyntaxError("invalid protocol \(proto) in \"\(text)\""))
        }
        return .success(
            ComposePortSpec(
                hostIP: rawIP.isEmpty ? nil : rawIP, published: hostPort.isEmpty ? nil : hostPort, target: containerPart,
                proto: proto, node: node))
    }

    static func parseLong(_ item: SourcedTree) -> Result<ComposePortSpec, ComposeSyntaxError> {
        guard let target = item["target"]?.text else {
            return .failure(ComposeSyntaxError("a long-syntax port needs a target"))
        }
        guard portRange(target) != nil else {
            return .failure(ComposeSyntaxError("invalid target port \(target)"))
        }
        let published = item["published"]?.text
        if let published, !published.isEmpty, portRange(published) == nil {
            return .failure(ComposeSyntaxError("invalid published port \(published)"))
        }
        let proto = (item["protocol"]?.text ?? "tcp").lowercased()
        return .success(
            ComposePortSpec(
                hostIP: item["host_ip"]?.text.flatMap { $0.isEmpty ? nil : $0 },
                published: published.flatMap { $0.isEmpty ? nil : $0 }, target: target, proto: proto,
                mode: item["mode"]?.text, name: item["name"]?.text, appProtocol: item["app_protocol"]?.text,
                node: item.node, isLongSyntax: true))
    }

    /// The key Compose de-duplicates ports by: host IP (all interfaces when unset), published, target, protocol.
    var uniquenessKey: String {
        "\(hostIP ?? "0.0.0.0"):\(published ?? ""):\(target)/\(proto)"
    }

    /// The entry as Compose normalizes it: one binding per container port, ordered the way Compose
    /// orders them (by `port/protocol` text).
    var bindings: [Binding] {
        guard let targets = Self.portRange(target) else { return [] }
        let hostRange = published.flatMap(Self.portRange)
        if isLongSyntax {
            return [
                Binding(
                    mode: mode ?? "ingress", hostIP: hostIP, target: targets.lowerBound, published: published, proto: proto,
                    name: name, appProtocol: appProtocol)
            ]
        }
        var result: [Binding] = []
        for (offset, port) in targets.enumerated() {
            var hostPort: String?
            if let hostRange, let published {
                if targets.count == 1 && hostRange.count > 1 {
                    hostPort = published
                } else {
                    hostPort = String(hostRange.lowerBound + offset)
                }
            }
            result.append(Binding(mode: "ingress", hostIP: hostIP, target: port, published: hostPort, proto: proto))
        }
        return result.sorted { "\($0.target)/\($0.proto)" < "\($1.target)/\($1.proto)" }
    }

    /// `80` → 80...80, `8000-8010` → 8000...8010; nil when not a valid port or range.
    static func portRange(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(onASCII: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        guard let start = Int(parts[0]), start >= 0, start <= 65535 else { return nil }
        guard parts.count == 2 else { return start...start }
        guard let end = Int(parts[1]), end >= start, end <= 65535 else { return nil }
        return start...end
    }

    /// True for a dotted IPv4 address or an IPv6 address.
    static func isIPAddress(_ text: String) -> Bool {
        if text.contains(":") {
            return text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." || $0 == "%" }
                && text.filter({ $0 == ":" }).count >= 2
        }
        let octets = text.split(onASCII: ".", omittingEmptySubsequences: false)
        return octets.count == 4
            && octets.allSatisfy { octet in
                guard let value = Int(octet), octet.count <= 3 else { return false }
                return value >= 0 && value <= 255
            }
    }
}

/// A problem in the syntax of one Compose value; the loader reports it at the value's node.
struct ComposeSyntaxError: Error, Sendable, Hashable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
