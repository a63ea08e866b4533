import BattenYAML
import Testing

@testable import Batten

/// An image whose binaries get a capability from file capabilities (pgadmin binds port 80 as uid
/// 5050 through NET_BIND_SERVICE on its Python): `cap_drop: [ALL]` keeps it in cap_add so the port
/// does not move, and `no-new-privileges`, which ignores file capabilities, becomes a decision.
struct FileCapabilityTests {
    static let pgadmin = """
        services:
          pgadmin:
            image: dpage/pgadmin4:9.17
            ports:
              - "5050:80"
        """

    @Test func capDropKeepsTheFileCapability() throws {
        let finding = try #require(try ExampleRunner.run(Self.pgadmin, format: .compose, rules: [CapabilitiesNotDroppedRule.self]).findings.first)
        let fix = try #require(finding.fix)
        #expect(fix.kind == .known)
        let added = fix.changes.compactMap { change -> String? in
            guard change.path == ["cap_add"], case .append(let value) = change.operation else { return nil }
            return value.scalarText
        }
        #expect(added == ["NET_BIND_SERVICE"])
        #expect(fix.reason?.contains("8080") == true)
    }

    @Test func noNewPrivilegesIsADecisionThatSaysThePortMoves() throws {
        let fix = try #require(try ExampleRunner.run(Self.pgadmin, format: .compose, rules: [PrivilegeEscalationRule.self]).findings.first?.fix)
        #expect(fix.kind == .decision)
        #expect(fix.reason?.contains("pgadmin4 image profile") == true)
        #expect(fix.reason?.contains("8080") == true)
    }

    @Test func otherImagesKeepASafeNoNewPrivileges() throws {
        let fix = try #require(
            try ExampleRunner.run(
                "services:\n  db:\n    image: postgres:17.2\n", format: .compose, rules: [PrivilegeEscalationRule.self]
            ).findings.first?.fix)
        #expect(fix.kind == .safe)
    }
}
