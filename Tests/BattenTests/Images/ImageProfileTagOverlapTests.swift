import Testing

@testable import Batten

/// No image:tag is claimed by two built-in profiles of equal precedence (a profile with variant words,
/// or with a version range, wins over one without: `httpd-alpine` over `httpd`), and every profile
/// split by version hands the tags on either side of its boundaries to the right profile (or to none).
struct ImageProfileTagOverlapTests {
    /// Tags to try for a pair of profiles: each bound of their ranges, one patch below and above it,
    /// the bare major, no tag at all, and each with every variant word either profile names.
    static func candidateTags(_ profiles: [ImageProfile]) -> [String?] {
        var versions: Set<String> = ["1", "2", "3"]
        for profile in profiles {
            for bound in profile.tags.versions?.bounds ?? [] {
                var parts = bound.version
                while parts.count < 3 { parts.append(0) }
                versions.insert(parts.map(String.init).joined(separator: "."))
                versions.insert(bound.version.map(String.init).joined(separator: "."))
                versions.insert(String(parts[0]))
                var above = parts
                above[2] += 1
                versions.insert(above.map(String.init).joined(separator: "."))
                if let below = Self.below(parts) { versions.insert(below) }
            }
        }
        let words = Set(profiles.flatMap { $0.tags.variants + $0.tags.excludedVariants })
        var tags: [String?] = [nil, "latest"]
        for version in versions.sorted() {
            tags.append(version)
            for word in words.sorted() { tags.append("\(version)-\(word)") }
        }
        for word in words.sorted() { tags.append(word) }
        return tags
    }

    /// The version just below `parts` (`2.7.0` → `2.6.99`, `1.0.0` → `0.99.99`); nil for `0.0.0`.
    static func below(_ parts: [Int]) -> String? {
        if parts[2] > 0 { return "\(parts[0]).\(parts[1]).\(parts[2] - 1)" }
        if parts[1] > 0 { return "\(parts[0]).\(parts[1] - 1).99" }
        if parts[0] > 0 { return "\(parts[0] - 1).99.99" }
        return nil
    }

    @Test func noTagIsClaimedByTwoProfiles() {
        let profiles = BuiltInImageProfiles.profiles
        for (index, first) in profiles.enumerated() {
            for second in profiles[(index + 1)...] {
                guard first.tags.variants.isEmpty == second.tags.variants.isEmpty,
                    (first.tags.versions == nil) == (second.tags.versions == nil)
                else { continue }
                let shared = Set(first.patterns.map(\.text)).intersection(second.patterns.map(\.text))
                for pattern in shared.sorted() where !pattern.contains("*") {
                    for tag in Self.candidateTags([first, second]) {
                        let both = first.tags.mismatch(tag) == nil && second.tags.mismatch(tag) == nil
                        #expect(!both, "\(pattern):\(tag ?? "") matches both \(first.name) and \(second.name)")
                    }
                }
            }
        }
    }

    @Test(
        arguments: [
            ("influxdb:1.10.9", nil), ("influxdb:1.11", "influxdb-1"), ("influxdb:1.11.0", "influxdb-1"),
            ("influxdb:1.12.4", "influxdb-1"), ("influxdb:1.11-alpine", nil), ("influxdb:1.11-data", nil),
            ("influxdb:1.99.99", "influxdb-1"), ("influxdb:2.0.9", nil), ("influxdb:2.6.9", nil), ("influxdb:2.7", "influxdb-2"),
            ("influxdb:2.7.0", "influxdb-2"), ("influxdb:2", "influxdb-2"), ("influxdb:2.9-alpine", "influxdb-2"),
            ("influxdb:3.0-core", nil), ("influxdb:latest", nil),
            ("axllent/mailpit:v1.15.9", nil), ("axllent/mailpit:v1.16.0", "mailpit"), ("axllent/mailpit:latest", "mailpit"),
            ("grafana/loki:2.9.10", nil), ("grafana/loki:3.0.0", "loki"), ("grafana/promtail:1.8.0", nil), ("grafana/promtail:2.0.0", "promtail"),
            ("prom/node-exporter:v0.18.1", nil), ("prom/node-exporter:v1.0.0", "node-exporter"),
            ("gcr.io/cadvisor/cadvisor:v0.39.3", nil), ("gcr.io/cadvisor/cadvisor:v0.40.0", "cadvisor"),
            ("ghcr.io/google/cadvisor:0.54.0", "cadvisor"), ("prom/alertmanager:v0.27.0-distroless", nil),
            ("nats:1.4.1", nil), ("nats:2.0.0", "nats"), ("nats:2.10-nanoserver", nil), ("nats:2.10-alpine", "nats"),
            ("jaegertracing/all-in-one:1.49.0", nil), ("jaegertracing/all-in-one:1.50.0", "jaeger"),
            ("jaegertracing/all-in-one:2.0.0", nil), ("vault:0.11.6", nil), ("vault:1.0.0", "vault"), ("hashicorp/vault:1.17", "vault"),
            ("zookeeper:3.7.2", nil), ("zookeeper:3.8.0", "zookeeper"), ("zookeeper:3.9", "zookeeper"), ("zookeeper", "zookeeper"),
            ("confluentinc/cp-zookeeper:6.2.15", nil), ("confluentinc/cp-zookeeper:7.0.0", "cp-zookeeper"),
            ("confluentinc/cp-kafka:6.2.15", nil), ("confluentinc/cp-kafka:7.0.0", "cp-kafka"), ("confluentinc/cp-kafka:8.0.0", "cp-kafka"),
            ("apache/kafka:3.6.2", nil), ("apache/kafka:3.7.0", "apache-kafka"), ("apache/kafka:3.9.1", "apache-kafka"),
            ("apache/kafka:4.0.0", nil), ("apache/kafka:latest", nil),
            ("kibana:7.17.25", nil), ("kibana:8.0.0", "kibana"), ("docker.elastic.co/kibana/kibana:9.2.4", "kibana"),
            ("logstash:7.17.25", nil), ("logstash:8.0.0", "logstash"), ("docker.elastic.co/logstash/logstash:9.2.4", "logstash"),
            ("vaultwarden/server:1.29.2", nil), ("vaultwarden/server:1.30.0", "vaultwarden"), ("vaultwarden/server:latest", "vaultwarden"),
        ] as [(String, String?)])
    func versionBoundaries(_ image: String, _ profile: String?) {
        #expect(ImageProfileLibrary.builtIn.match(image)?.profile.name == profile, "\(image)")
    }
}
