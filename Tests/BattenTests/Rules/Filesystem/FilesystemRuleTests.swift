import BattenYAML
import Testing

@testable import Batten

/// The filesystem rules' edge cases and fix proposals.
struct FilesystemRuleTests {
    typealias H = RuleHarness

    // MARK: writable-root-filesystem

    @Test func kubernetesFixSetsTheContainerField() throws {
        let workload = try H.single(
            try H.kubernetes(
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  containers:
                  - name: app
                    image: example/app:1.0
                    securityContext:
                      readOnlyRootFilesystem: false
                  - name: other
                    image: example/other:1.0
                  ephemeralContainers:
                  - name: debug
                    image: busybox:1.36
                """))
        let findings = H.run(WritableRootFilesystemRule.self, on: workload)
        #expect(findings.map(H.position) == ["10:7", "11:5", "14:5"])
        let app = try workload.container("app")
        let change = try #require(findings.first?.fix?.changes.first)
        #expect(findings.first?.fix?.changes.count == 3, "the flag, an emptyDir volume and its mount at /tmp")
        #expect(change.scope == .container("app"))
        #expect(change.path == ["securityContext", "readOnlyRootFilesystem"])
        #expect(change.operation == .set(.bool(true)))
        #expect(change.target == app.node)
        #expect(change.existing == app.readOnlyRootFilesystem?.node)
        let other = try #require(findings.dropFirst().first?.fix?.changes.first)
        #expect(other.scope == .container("other"))
        #expect(other.existing == nil)
    }

    @Test func composeFixAddsReadOnlyAndMissingTmpfs() throws {
        let workloads = try H.compose(
            """
            services:
              plain:
                image: example/app:1.0
              tmpfs:
                image: example/app:1.0
                read_only: false
                tmpfs:
                  - /tmp:size=64m
              volume:
                image: example/app:1.0
                volumes:
                  - scratch:/tmp
            volumes:
              scratch: {}
            """)
        func fix(_ service: String) throws -> (Workload, Fix) {
            let workload = try #require(workloads.first { $0.name == service })
            let finding = try #require(
                H.run(
                    WritableRootFilesystemRule.self, on: workload, parameters: ["tmpfs": .strings(["/tmp", "/run"])]
                ).first)
            return (workload, try #require(finding.fix))
        }
        let (plain, plainFix) = try fix("plain")
        #expect(plainFix.kind == .decision)
        #expect(plainFix.changes.map(\.path) == [["read_only"], ["tmpfs"], ["tmpfs"]])
        #expect(plainFix.changes.map(\.operation) == [.set(.bool(true)), .append(.string("/tmp")), .append(.string("/run"))])
        #expect(plainFix.changes.allSatisfy { $0.scope == .service && $0.target == plain.node })
        #expect(plainFix.changes.first?.existing == nil)

        let (tmpfs, tmpfsFix) = try fix("tmpfs")
        #expect(tmpfsFix.changes.map(\.operation) == [.set(.bool(true)), .append(.string("/run"))])
        #expect(tmpfsFix.changes.first?.existing == tmpfs.containers.first?.readOnlyRootFilesystem?.node)

        let (_, volumeFix) = try fix("volume")
        #expect(volumeFix.changes.map(\.operation) == [.set(.bool(true)), .append(.string("/run"))])
    }

    @Test func windowsPodsAreSkipped() throws {
        let findings = try H.kubernetesFindings(
            WritableRootFilesystemRule.self,
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              os:
                name: windows
              containers:
              - name: app
                image: example/app:1.0
            """)
        #expect(findings.isEmpty)
    }

    // MARK: bind-mount

    @Test func readOnlyShortSyntax() throws {
        func readOnly(_ text: String) -> String? { BindMountRule.readOnlyItem(.string(text))?.scalarText }
        #expect(readOnly("/srv/data:/data") == "/srv/data:/data:ro")
        #expect(readOnly("/srv/data:/data:rw") == "/srv/data:/data:ro")
        #expect(readOnly("/srv/data:/data:rw,z") == "/srv/data:/data:ro,z")
        #expect(readOnly("/srv/data:/data:rshared") == "/srv/data:/data:ro,rshared")
        #expect(readOnly("${DATA_DIR:-/srv/data}:/data") == "${DATA_DIR:-/srv/data}:/data:ro")
    }

    @Test func readOnlyLongSyntax() throws {
        let item = YAMLValue.mapping([("type", .string("bind")), ("source", .string("/srv")), ("read_only", .bool(false))])
        let fixed = try #require(BindMountRule.readOnlyItem(item))
        #expect(fixed["read_only"] == .bool(true))
        #expect(fixed.entries?.count == 3)
        let added = try #require(BindMountRule.readOnlyItem(.mapping([("type", .string("bind"))])))
        #expect(added["read_only"] == .bool(true))
    }

    @Test func composeBindSeveritiesAndFixes() throws {
        let workload = try H.single(
            try H.compose(
                """
                services:
                  app:
                    build: .
                    volumes:
                      - ./src:/app/src
                      - ./config:/app/config:ro
                      - /srv/spool:/spool
                      - type: bind
                        source: /srv/queue
                        target: /queue
                      - appdata:/var/lib/app
                      - /srv/data:/data
                volumes:
                  appdata: {}
                """, files: ["Dockerfile": "FROM golang:1.23\nWORKDIR /app\nCOPY . .\n", "src/main.go": "", "config/app.yaml": ""]))
        let findings = H.run(BindMountRule.self, on: workload)
        #expect(findings.map(\.severity) == [.high, .low, .medium, .medium, .low])
        #expect(findings.map { $0.fix?.kind } == [.known, nil, .decision, .decision, nil])
        #expect(findings[4].message.contains("keeps data"), "a data bind is kept: \(findings[4].message)")

        let source = try #require(findings[0].fix)
        #expect(source.changes.count == 1)
        #expect(source.changes[0].operation == .removeItem(.string("./src:/app/src")))
        #expect(source.changes[0].path == ["volumes"])
        #expect(source.changes[0].scope == .service)
        #expect(source.changes[0].target == workload.node)
        #expect(source.changes[0].existing == workload.containers.first?.mounts.first?.node.parent)

        #expect(findings[1].fix == nil)

        let short = try #require(findings[2].fix)
        #expect(
            short.changes.map(\.operation) == [
                .replaceItem(.string("/srv/spool:/spool"), with: .string("/srv/spool:/spool:ro"))
            ])
        #expect(short.changes.first?.existing?.kind == .sequence)

        let long = try #require(findings[3].fix)
        guard long.changes.count == 1, case .replaceItem(_, let appended) = long.changes[0].operation else {
            Issue.record("expected one item replacement")
            return
        }
        #expect(appended["read_only"] == .bool(true))
        #expect(appended["source"]?.scalarText == "/srv/queue")
    }
}
