import Foundation
import Testing

@testable import Batten

/// A Kafka broker on ZooKeeper with the Confluent Platform images
/// (`Fixtures/overrides/stack-kafka-zookeeper`): the default override gives both a read-only root
/// with the paths their startup scripts write, keeps the broker's data and listeners, and leaves the
/// service Batten knows nothing about alone; docker compose accepts it.
@Suite("Overrides of a Kafka and ZooKeeper stack")
struct KafkaStackOverrideTests {
    @Test("cp-kafka and cp-zookeeper: read-only roots with the directories their configure scripts write, data kept")
    func confluentKafkaOnZooKeeper() throws {
        let stack = try StackOverrideTests.stack("stack-kafka-zookeeper")
        let kafka = try stack.service("kafka")
        #expect(kafka["read_only"] == .bool(true))
        #expect(
            Set(kafka["tmpfs"]?.strings ?? []) == ["/etc/kafka", "/var/log/kafka", "/tmp"], "the configure script renders kafka.properties into /etc/kafka")
        let data = try #require(try stack.mount("kafka", "/var/lib/kafka/data"), "kafka lost its data volume")
        #expect(data["type"]?.stringValue == "volume")
        #expect(data["source"]?.stringValue?.hasSuffix("kafka-data") == true, "\(data)")
        #expect(kafka["environment"]?["KAFKA_ADVERTISED_LISTENERS"]?.stringValue == "PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092")
        #expect(kafka["environment"]?["KAFKA_ZOOKEEPER_CONNECT"]?.stringValue == "zookeeper:2181")
        #expect(kafka["healthcheck"] == nil, "the listeners are the stack's: no check Batten cannot point at them")
        #expect(kafka["cap_drop"]?.strings == ["ALL"])
        #expect(kafka["cap_add"] == nil, "the image runs as appuser and needs no capability")
        #expect(try stack.hostAddress("kafka", 9092) == "127.0.0.1", "the host listener is advertised as localhost:9092")

        let zookeeper = try stack.service("zookeeper")
        #expect(zookeeper["read_only"] == .bool(true))
        #expect(Set(zookeeper["tmpfs"]?.strings ?? []) == ["/etc/kafka", "/var/log/kafka", "/tmp"])
        #expect(try stack.mount("zookeeper", "/var/lib/zookeeper/data")?["type"]?.stringValue == "volume")
        #expect(try stack.mount("zookeeper", "/var/lib/zookeeper/log")?["type"]?.stringValue == "volume")
        #expect(zookeeper["environment"]?["ZOOKEEPER_CLIENT_PORT"]?.stringValue == "2181")
        for service in ["kafka", "zookeeper"] {
            let user = try stack.service(service)["user"]?.stringValue
            #expect(user == nil || user == "appuser", "\(service) got user \(user ?? "")")
        }

        try stack.expectUntouchedIdentity("kafka-ui")
    }
}
