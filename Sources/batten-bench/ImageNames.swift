/// Image references as real projects write them: pinned, tagged, `latest`, untagged, with a digest,
/// from Docker Hub or a private registry.
enum ImageNames {
    static let bases = [
        "nginx", "postgres", "redis", "node", "python", "golang", "grafana/grafana", "prom/prometheus",
        "bitnami/kafka", "mysql", "mongo", "rabbitmq", "traefik", "registry.example.com/team/api",
        "ghcr.io/acme/worker", "quay.io/acme/gateway", "busybox", "alpine", "elasticsearch", "memcached",
    ]

    static func reference(_ random: inout SeededGenerator) -> String {
        let base = random.pick(bases)
        switch random.int(0...9) {
        case 0: return base
        case 1: return base + ":latest"
        case 2, 3: return base + "@sha256:" + random.hex(64)
        case 4: return base + ":\(random.int(1...3)).\(random.int(0...20))@sha256:" + random.hex(64)
        default: return base + ":\(random.int(1...16)).\(random.int(0...30)).\(random.int(0...9))"
        }
    }
}
