import Foundation
import Testing

@testable import Batten

/// A host monitoring stack (`Fixtures/overrides/stack-monitoring-host`): the host access its images'
/// profiles declare stays, a writable mount of a path the image only reads becomes read-only, and
/// docker compose accepts the override.
@Suite("Overrides of a host monitoring stack")
struct MonitoringStackOverrideTests {
    @Test("node exporter, cAdvisor and Promtail keep the host access they need; Promtail's /var/log becomes read-only")
    func monitoringHost() throws {
        let stack = try StackOverrideTests.stack("stack-monitoring-host")
        let exporter = try stack.service("node-exporter")
        #expect(exporter["network_mode"]?.stringValue == "host")
        #expect(exporter["pid"]?.stringValue == "host")
        try stack.expectReadOnlyBind("node-exporter", "/host")
        for target in ["/rootfs", "/var/run", "/sys", "/var/lib/docker", "/dev/disk"] {
            try stack.expectReadOnlyBind("cadvisor", target)
        }
        try stack.expectReadOnlyBind("promtail", "/var/log")
        try stack.expectReadOnlyBind("promtail", "/var/lib/docker/containers")
        #expect(try stack.service("loki")["read_only"] == .bool(true))
        #expect(try stack.service("promtail")["cap_add"]?.strings == ["DAC_OVERRIDE"])
        #expect(try stack.service("cadvisor")["user"] == nil, "cAdvisor reads the host as root")
        #expect(try stack.service("alertmanager")["healthcheck"] != nil)
        #expect(try stack.service("promtail")["healthcheck"] == nil, "the promtail image has neither curl nor wget")
        try stack.expectReadOnlyBind("alertmanager", "/etc/alertmanager/alertmanager.yml")
    }
}
