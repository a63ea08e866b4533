import BattenYAML
import Testing

@testable import Batten

/// `host-access` in image profiles: parsed, validated and looked up like the rest of a profile.
struct ImageProfileHostAccessTests {
    static func parse(_ hostAccess: String) -> ImageProfileParser.Result {
        ImageProfileValidationTests.parse(ImageProfileValidationTests.minimal + "host-access:\n" + hostAccess)
    }

    @Test func pathsAndNamespacesParse() throws {
        let result = Self.parse(
            """
              - path: /proc/
                read-only: true
                reason: It reads the host's processes.
              - path: /var/log
                read-only: false
                reason: It rotates the host's logs.
              - namespace: pid
                reason: It sees the host's processes.

            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let access = try #require(result.profile).hostAccess
        #expect(access.map(\.kind) == [.path("/proc", readOnly: true), .path("/var/log", readOnly: false), .namespace(.pid)])
    }

    @Test func malformedEntriesAreLocatedErrors() {
        let cases: [(String, String)] = [
            ("  - path: proc\n    read-only: true\n    reason: r\n", "absolute host path"),
            ("  - path: /proc\n    reason: r\n", "has no `read-only`"),
            ("  - path: /proc\n    read-only: yes please\n    reason: r\n", "`read-only` is true or false"),
            ("  - namespace: ipc\n    reason: r\n", "`namespace` is pid or network"),
            ("  - namespace: pid\n    read-only: true\n    reason: r\n", "goes with `path`"),
            ("  - path: /proc\n    namespace: pid\n    reason: r\n", "either `path`"),
            ("  - path: /proc\n    read-only: true\n", "has no `reason`"),
            ("  - path: /proc\n    read-only: true\n    reason: r\n  - path: /proc/\n    read-only: false\n    reason: r\n", "listed twice"),
            ("  - path: /proc\n    read-only: true\n    reason: r\n    mode: x\n", "unknown key `mode`"),
        ]
        for (entry, message) in cases {
            let result = Self.parse(entry)
            #expect(result.profile == nil, "\(entry)")
            #expect(
                result.diagnostics.contains { $0.message.contains(message) && ($0.position?.line ?? 0) > 20 },
                "\(entry): \(result.diagnostics.map(\.description))")
        }
    }

    @Test func theMostSpecificDeclaredPathCoversAMount() throws {
        let profile = try #require(ImageProfileLibrary.builtIn.match("gcr.io/cadvisor/cadvisor:v0.49.1")?.profile)
        #expect(profile.hostAccess(forPath: "/var/lib/docker/overlay2")?.kind == .path("/var/lib/docker", readOnly: true))
        #expect(profile.hostAccess(forPath: "/etc")?.kind == .path("/", readOnly: true), "less than / is covered by /")
        #expect(profile.hostAccess(for: .pid) == nil)
        let exporter = try #require(ImageProfileLibrary.builtIn.match("prom/node-exporter:v1.8.2")?.profile)
        #expect(exporter.hostAccess(for: .pid) != nil && exporter.hostAccess(for: .network) != nil)
        let postgres = try #require(ImageProfileLibrary.builtIn.match("postgres:16")?.profile)
        #expect(postgres.hostAccess.isEmpty)
    }
}

extension ImageProfileHostAccessTests {
    @Test func explainImageListsTheHostAccess() {
        let text = ImageProfileExplanation(image: "prom/node-exporter:v1.8.2", library: .builtIn).text()
        #expect(text.contains("Host access the image needs"))
        #expect(text.contains("  /proc (read-only)"))
        #expect(text.contains("  the host's pid namespace"))
        #expect(!ImageProfileExplanation(image: "postgres:16", library: .builtIn).text().contains("Host access"))
    }
}
