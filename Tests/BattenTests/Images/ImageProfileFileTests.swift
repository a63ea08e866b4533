import BattenYAML
import Foundation
import Testing

@testable import Batten

/// The shipped profiles: every file of `Policies/images` validates, is embedded in the binary, and
/// the images the issue names all have one.
struct ImageProfileFileTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Policies/images")

    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    @Test(arguments: files)
    func profileFileValidates(_ name: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
        let result = ImageProfileParser().parse(SourceFile(path: "Policies/images/\(name)", bytes: [UInt8](data)))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let profile = try #require(result.profile)
        #expect(profile.name + ".yaml" == name, "a profile file is named after its profile")
        #expect(!profile.documentation.isEmpty && profile.documentation.allSatisfy { !$0.facts.isEmpty })
        #expect(profile.capabilities.add.allSatisfy(LinuxCapabilities.known.contains))
        #expect(!profile.capabilities.add.contains { CapabilityNames.critical.contains($0) }, "no profile needs a critical capability")
        #expect(profile.writable.allSatisfy { $0.path.hasPrefix("/") })
        let embedded = try #require(BuiltInImageProfiles.files.first { $0.name == name }, "\(name) is not in BuiltInImageProfiles")
        #expect(embedded.bytes == [UInt8](data), "the embedded copy differs from the file")
    }

    @Test func everyBuiltInProfileIsAFileAndParses() {
        #expect(BuiltInImageProfiles.files.map(\.name).sorted() == Self.files)
        #expect(BuiltInImageProfiles.profiles.count == Self.files.count, "a built-in profile does not parse")
        let names = BuiltInImageProfiles.profiles.map(\.name)
        #expect(Set(names).count == names.count)
    }

    @Test func fileNamesDoNotCollideWithPolicies() {
        let stems = Set(Self.files.map { String($0.dropLast(".yaml".count)).replacingOccurrences(of: "-", with: "_") })
        for policy in BuiltInPolicies.names {
            #expect(!stems.contains(policy), "Policies/images/\(policy).yaml would replace the built-in policy \(policy)")
        }
    }

    /// An image of every shipped profile, as a Compose file would name it.
    static let sampleImages: [String: String] = [
        "postgres": "postgres:16.4",
        "postgres-18": "postgres:18.1-alpine",
        "mysql": "mysql:8.4",
        "mariadb": "mariadb:11.4",
        "mariadb-early": "mariadb:10.6.4",
        "mongo": "mongo:7.0",
        "redis": "redis:7.4",
        "valkey": "valkey/valkey:8.0",
        "memcached": "memcached:1.6",
        "memcached-alpine": "memcached:1.6-alpine",
        "nginx": "nginx:1.27",
        "httpd": "httpd:2.4",
        "httpd-alpine": "httpd:2.4-alpine",
        "traefik": "traefik:v3.1",
        "caddy": "caddy:2.8",
        "haproxy": "haproxy:3.0",
        "rabbitmq": "rabbitmq:3.13-management",
        "elasticsearch": "docker.elastic.co/elasticsearch/elasticsearch:8.15.0",
        "opensearch": "opensearchproject/opensearch:2.17.0",
        "grafana": "grafana/grafana:11.2.0",
        "prometheus": "prom/prometheus:v2.54.1",
        "alertmanager": "prom/alertmanager:v0.27.0",
        "node-exporter": "quay.io/prometheus/node-exporter:v1.8.2",
        "cadvisor": "gcr.io/cadvisor/cadvisor:v0.49.1",
        "loki": "grafana/loki:3.2.0",
        "promtail": "grafana/promtail:3.2.0",
        "mailhog": "mailhog/mailhog:v1.0.1",
        "mailpit": "axllent/mailpit:v1.20",
        "nats": "nats:2.10-alpine",
        "vault": "hashicorp/vault:1.17",
        "influxdb-1": "influxdb:1.11.8",
        "influxdb-2": "influxdb:2.7-alpine",
        "jaeger": "jaegertracing/all-in-one:1.60",
        "minio": "minio/minio:RELEASE.2024-10-13T13-34-11Z",
        "keycloak": "quay.io/keycloak/keycloak:26.0",
        "node": "node:20-alpine",
        "python": "python:3.12-slim",
        "wordpress": "wordpress:6.6-apache",
        "mongo-early": "mongo:4.4.29",
        "mariadb-legacy": "mariadb:10.5.27",
        "mysql-5-7": "mysql:5.7.44",
        "php-apache": "php:8.3-apache",
        "adminer": "adminer:4.8.1",
        "gitea-rootless": "gitea/gitea:1.22-rootless",
        "portainer": "portainer/portainer-ce:2.21.4",
        "jenkins": "jenkins/jenkins:lts-jdk17",
        "sonarqube": "sonarqube:25.1.0.102122-community",
        "mssql": "mcr.microsoft.com/mssql/server:2022-latest",
        "nextcloud": "nextcloud:30-apache",
        "nextcloud-fpm": "nextcloud:30-fpm-alpine",
        "pgadmin4": "dpage/pgadmin4:9.17",
        "linuxserver": "lscr.io/linuxserver/jellyfin:10.10.3",
        "phpmyadmin": "phpmyadmin:5.2.1-apache",
        "gitea": "gitea/gitea:1.22.3",
        "pihole": "pihole/pihole:2024.07.0",
        "azure-sql-edge": "mcr.microsoft.com/azure-sql-edge:1.0.7",
        "zookeeper": "zookeeper:3.9.3",
        "cp-zookeeper": "confluentinc/cp-zookeeper:7.9.0",
        "cp-kafka": "confluentinc/cp-kafka:7.9.0",
        "apache-kafka": "apache/kafka:3.9.0",
        "kibana": "docker.elastic.co/kibana/kibana:8.15.0",
        "logstash": "docker.elastic.co/logstash/logstash:8.15.0",
        "vaultwarden": "vaultwarden/server:1.32.0-alpine",
        "bitnami-kafka": "bitnami/kafka:3.9.0-debian-12-r4",
        "bitnami-zookeeper": "bitnamilegacy/zookeeper:3.9.3",
    ]

    @Test func everyProfileHasASampleImageThatSelectsIt() throws {
        #expect(Set(Self.sampleImages.keys) == Set(BuiltInImageProfiles.profiles.map(\.name)))
        for (name, image) in Self.sampleImages {
            #expect(ImageProfileLibrary.builtIn.match(image)?.profile.name == name, "\(image) should use \(name)")
        }
    }

    @Test func theIssuesImagesHaveProfiles() {
        let images = [
            "postgres", "mysql", "mariadb", "mongo", "redis", "valkey/valkey", "memcached", "nginx", "httpd", "traefik",
            "caddy", "haproxy", "rabbitmq", "elasticsearch:8.15.0", "opensearchproject/opensearch", "grafana/grafana",
            "prom/prometheus", "minio/minio", "quay.io/keycloak/keycloak", "node", "python",
        ]
        for image in images {
            #expect(ImageProfileLibrary.builtIn.match(image) != nil, "no profile for \(image)")
        }
    }
}
