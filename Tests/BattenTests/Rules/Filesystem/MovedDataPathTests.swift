import BattenYAML
import Testing

@testable import Batten

/// `moved-data-path`: the postgres 18 image's old data path, read from the profile's `moved-paths`.
struct MovedDataPathTests {
    static func findings(_ compose: String) throws -> [Finding] {
        try ExampleRunner.run(compose, format: .compose, rules: [MovedDataPathRule.self]).findings
    }

    @Test func aNamedVolumeAtTheOldPathIsADecisionThatSaysHowToMigrate() throws {
        let findings = try Self.findings(
            """
            services:
              db:
                image: postgres:18.1
                volumes:
                  - pgdata:/var/lib/postgresql/data:rw
            volumes:
              pgdata: {}
            """)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .high)
        #expect(finding.message.contains("/var/lib/postgresql/data"))
        #expect(finding.message.contains("postgres-18 image profile"))
        let fix = try #require(finding.fix)
        #expect(fix.kind == .decision)
        #expect(fix.reason?.contains("pg_upgrade") == true)
        guard case .replaceItem(_, let new)? = fix.changes.first?.operation else {
            Issue.record("expected a replaced volumes item")
            return
        }
        #expect(new.scalarText == "pgdata:/var/lib/postgresql:rw")
    }

    @Test func aTmpfsMovesAsKnown() throws {
        let findings = try Self.findings(
            """
            services:
              db:
                image: postgres:18
                volumes:
                  - type: tmpfs
                    target: /var/lib/postgresql/data/
            """)
        let fix = try #require(findings.first?.fix)
        #expect(fix.kind == .known)
        #expect(fix.reason?.contains("postgres-18 image profile") == true)
    }

    @Test func aPGDATAOfYourOwnOrAnOlderTagIsNotReported() throws {
        #expect(
            try Self.findings(
                """
                services:
                  db:
                    image: postgres:18
                    environment:
                      - PGDATA=/var/lib/postgresql/data
                    volumes:
                      - ./data:/var/lib/postgresql/data
                """
            ).isEmpty)
        #expect(
            try Self.findings(
                """
                services:
                  db:
                    image: postgres:17.6-alpine
                    volumes:
                      - ./data:/var/lib/postgresql/data
                """
            ).isEmpty)
        #expect(
            try Self.findings(
                """
                services:
                  db:
                    image: example/postgres:18
                    volumes:
                      - ./data:/var/lib/postgresql/data
                """
            ).isEmpty, "an image without a profile is not known to have moved anything")
    }

    @Test func aServiceThatAlsoMountsTheNewPathHasNoFix() throws {
        let findings = try Self.findings(
            """
            services:
              db:
                image: postgres:18
                volumes:
                  - old:/var/lib/postgresql/data
                  - new:/var/lib/postgresql
            volumes:
              old: {}
              new: {}
            """)
        let finding = try #require(findings.first)
        #expect(finding.fix == nil)
        #expect(finding.message.contains("mounts /var/lib/postgresql as well"))
    }

    @Test func theShortSyntaxMovesOnlyTheTarget() {
        let moved = MovedDataPathRule.movedItem(
            .string("/var/lib/postgresql/data:/var/lib/postgresql/data"), from: "/var/lib/postgresql/data", to: "/var/lib/postgresql")
        #expect(moved == nil, "a source equal to the target is ambiguous")
        let anonymous = MovedDataPathRule.movedItem(.string("/var/lib/postgresql/data"), from: "/var/lib/postgresql/data", to: "/var/lib/postgresql")
        #expect(anonymous?.scalarText == "/var/lib/postgresql")
    }

    @Test func theProfileParsesItsMovedPathAndExplainImageShowsIt() throws {
        let profile = try #require(BuiltInImageProfiles.profiles.first { $0.name == "postgres-18" })
        let moved = try #require(profile.movedPaths.first)
        #expect(moved.path == "/var/lib/postgresql/data")
        #expect(moved.to == "/var/lib/postgresql")
        #expect(moved.since == "18")
        #expect(moved.unless == [.environment("PGDATA", value: nil)])
        let text = ImageProfileExplanation(image: "postgres:18", library: .builtIn).text()
        #expect(text.contains("tag 18 is within versions >=18"))
        #expect(text.contains("not /var/lib/postgresql/data: moved to /var/lib/postgresql in 18"))
        let legacy = ImageProfileExplanation(image: "mariadb:10.5", library: .builtIn).text()
        #expect(legacy.contains("Profile mariadb-legacy"))
        #expect(legacy.contains("tag 10.5 is within versions >=10.2 <10.6"))
    }

    @Test func movedPathsAreValidated() {
        let base = ImageProfileValidationTests.minimal
        let bad =
            base + """
                moved-paths:
                  - path: data
                    to: /data
                    since: ">=18"
                    reason: Moved.

                """
        let messages = ImageProfileParser().parse(SourceFile(path: "p.yaml", text: bad)).diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("`path` is an absolute container path") })
        #expect(messages.contains { $0.contains("`since` is the first version") })
        let good =
            base + """
                moved-paths:
                  - path: /old
                    to: /new
                    since: "2.1"
                    unless: [{environment: DATA_DIR}]
                    reason: Moved.

                """
        let result = ImageProfileParser().parse(SourceFile(path: "p.yaml", text: good))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.profile?.movedPaths.first?.to == "/new")
    }
}

/// The read-only fix of a postgres 18 service with a mount at the old path adds no second mount at
/// the new one, which would clash with the moved mount.
struct MovedDataPathReadOnlyTests {
    @Test func aMountAtTheOldPathCoversTheNewOne() throws {
        let compose = """
            services:
              db:
                image: postgres:18.1
                volumes:
                  - pgdata:/var/lib/postgresql/data
            volumes:
              pgdata: {}
            """
        let findings = try ExampleRunner.run(compose, format: .compose, rules: [WritableRootFilesystemRule.self]).findings
        let fix = try #require(findings.first?.fix)
        let appended = fix.changes.compactMap { change -> String? in
            guard change.path == ["volumes"], case .append(let value) = change.operation else { return nil }
            return value["target"]?.scalarText
        }
        #expect(!appended.contains("/var/lib/postgresql"), "\(appended)")
    }
}
