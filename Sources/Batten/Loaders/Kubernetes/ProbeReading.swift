import BattenYAML

extension ManifestReader {
    private static let handlers: [(key: String, handler: Probe.Handler)] = [
        ("exec", .exec), ("httpGet", .httpGet), ("tcpSocket", .tcpSocket), ("grpc", .grpc), ("sleep", .sleep),
    ]

    /// The probe at `key` of a container (`livenessProbe`, `readinessProbe`, `startupProbe`).
    mutating func probe(_ key: String, kind: Probe.Kind, in container: NodeID, field: String) -> Probe? {
        guard let probe = mapping(key, in: container, field: field + "." + key) else { return nil }
        return handler(probe, kind: kind, field: field + "." + key)
    }

    /// The container's `lifecycle.postStart` and `lifecycle.preStop` handlers.
    mutating func lifecycleHandlers(in container: NodeID, field: String) -> [Probe] {
        let field = field + ".lifecycle"
        guard let lifecycle = mapping("lifecycle", in: container, field: field) else { return [] }
        var result: [Probe] = []
        for (key, kind) in [("postStart", Probe.Kind.postStart), ("preStop", .preStop)] {
            if let handler = mapping(key, in: lifecycle, field: field + "." + key) {
                result.append(self.handler(handler, kind: kind, field: field + "." + key))
            }
        }
        return result
    }

    /// The handler type of a probe or lifecycle mapping and its `host`, if any.
    private mutating func handler(_ probe: NodeID, kind: Probe.Kind, field: String) -> Probe {
        for (key, handler) in Self.handlers {
            guard let action = value(key, in: probe) else { continue }
            var host: Sourced<String>?
            if handler == .httpGet || handler == .tcpSocket, let mapping = mapping(action, field: field + "." + key) {
                host = string("host", in: mapping, field: field + "." + key + ".host")
            }
            return Probe(kind: kind, handler: handler, host: host, node: ref(probe))
        }
        return Probe(kind: kind, handler: .none, node: ref(probe))
    }
}
