import Foundation
import Testing

@testable import Batten

/// `unauthenticated-service`: what counts as published on the network, and how environment,
/// `env_file` and command words turn authentication on or off.
struct UnauthenticatedServiceTests {
    static func findings(_ compose: String, files: [String: String] = [:]) throws -> [Finding] {
        try ExampleRunner.run(compose, format: .compose, files: files, rules: [UnauthenticatedServiceRule.self]).findings
    }

    @Test func loopbackAndUnpublishedPortsAreNotOnTheNetwork() throws {
        for ports in ["\"127.0.0.1:6379:6379\"", "\"[::1]:6379:6379\"", "\"localhost:6379:6379\""] {
            #expect(try Self.findings("services:\n  cache:\n    image: redis:7.4\n    ports:\n      - \(ports)\n").isEmpty, "\(ports)")
        }
        #expect(try Self.findings("services:\n  cache:\n    image: redis:7.4\n    expose: [\"6379\"]\n").isEmpty)
        let lan = try Self.findings("services:\n  cache:\n    image: redis:7.4\n    ports:\n      - \"192.168.1.5:6379:6379\"\n")
        #expect(lan.first?.message.contains("address 192.168.1.5, port 6379") == true, "\(lan.map(\.message))")
    }

    @Test func hostNetworkPublishesEverything() throws {
        let findings = try Self.findings("services:\n  cache:\n    image: memcached:1.6\n    network_mode: host\n")
        #expect(findings.first?.message.contains("the host's network") == true, "\(findings.map(\.message))")
    }

    @Test func onlyTheServicesOwnPortsCount() throws {
        #expect(
            try Self.findings("services:\n  db:\n    image: mongo:7.0\n    ports:\n      - \"9216:9216\"\n").isEmpty,
            "an exporter port is not MongoDB's")
        #expect(try Self.findings("services:\n  db:\n    image: mongo:7.0\n    ports:\n      - \"27000-27020:27017\"\n").count == 1)
    }

    @Test func environmentFromEnvFilesAndInterpolationCounts() throws {
        let fromFile = try Self.findings(
            "services:\n  db:\n    image: mongo:7.0\n    env_file: [mongo.env]\n    ports:\n      - \"27017:27017\"\n",
            files: ["mongo.env": "MONGO_INITDB_ROOT_USERNAME=admin\n"])
        #expect(fromFile.isEmpty)
        let interpolated = try Self.findings(
            "services:\n  files:\n    image: minio/minio\n    command: server /data\n    environment:\n      MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD:?}\n    ports:\n      - \"9000:9000\"\n"
        )
        #expect(interpolated.isEmpty, "a value set at deploy time counts as set")
        let trustFromVariable = try Self.findings(
            "services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: ${AUTH_METHOD}\n    ports:\n      - \"5432:5432\"\n"
        )
        #expect(trustFromVariable.isEmpty, "an unknown value is not assumed to be trust")
        let trust = try Self.findings(
            "services:\n  db:\n    image: postgres:17.2\n    environment:\n      - POSTGRES_HOST_AUTH_METHOD=Trust\n    ports:\n      - \"5432:5432\"\n")
        #expect(trust.count == 1)
        #expect(trust.first?.location.line == 5, "the finding points at the setting that turns authentication off")
    }

    @Test func commandWordsCount() throws {
        let shell = try Self.findings(
            "services:\n  cache:\n    image: redis:7.4\n    command: sh -c \"redis-server --requirepass=$$(cat /run/secrets/pw)\"\n    ports:\n      - \"6379:6379\"\n"
        )
        #expect(shell.isEmpty, "a flag inside a shell command string counts")
        let config = try Self.findings(
            "services:\n  cache:\n    image: valkey/valkey:8.0\n    command: [\"valkey-server\", \"/etc/valkey/valkey.conf\"]\n    ports:\n      - \"6379:6379\"\n"
        )
        #expect(config.isEmpty, "a configuration file may set a password")
        let sasl = try Self.findings(
            "services:\n  cache:\n    image: memcached:1.6\n    command: [\"memcached\", \"-S\"]\n    ports:\n      - \"11211:11211\"\n")
        #expect(sasl.isEmpty)
    }
}
