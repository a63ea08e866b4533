import BattenYAML
import Testing

@testable import Batten

/// `security_opt`, `user` and capability names read the way Docker reads them, and the changes
/// the privileges rules propose for Compose.
struct ComposePrivilegeTests {
    static func entry(_ text: String) throws -> SecurityOptEntry {
        let document = try #require(YAMLParser.parse(SourceFile(path: "t.yaml", text: "- \(text)\n")).documents.first)
        let root = try #require(document.root)
        let item = try #require(document.children(root).first)
        return SecurityOptEntry(Sourced(text, document.ref(item)))
    }

    @Test func securityOptionsAsTheDaemonReadsThem() throws {
        let bare = try Self.entry("no-new-privileges")
        #expect(bare.key == "no-new-privileges" && bare.value == nil && bare.noNewPrivileges == true)
        #expect(try Self.entry("no-new-privileges:true").noNewPrivileges == true)
        #expect(try Self.entry("no-new-privileges=True").noNewPrivileges == true)
        #expect(try Self.entry("no-new-privileges=1").noNewPrivileges == true)
        #expect(try Self.entry("no-new-privileges:false").noNewPrivileges == false)
        #expect(try Self.entry("no-new-privileges:yes").noNewPrivileges == nil, "the daemon rejects `yes`")
        #expect(try Self.entry("No-New-Privileges").noNewPrivileges == nil, "option names are case-sensitive")

        let seccomp = try Self.entry("seccomp=/etc/docker/profile:v2.json")
        #expect(seccomp.key == "seccomp" && seccomp.value == "/etc/docker/profile:v2.json", "`=` wins over `:`")
        #expect(try Self.entry("seccomp:unconfined").value == "unconfined")

        #expect(try Self.entry("disable").labelOption?.kind == "disable")
        #expect(try Self.entry("label:disable").labelOption?.kind == "disable")
        let user = try #require(try Self.entry("label=user:system_u").labelOption)
        #expect(user.kind == "user" && user.value == "system_u")
        let level = try #require(try Self.entry("label:level:s0:c1,c2").labelOption)
        #expect(level.kind == "level" && level.value == "s0:c1,c2")
    }

    @Test func capabilityNamesAndRootUsers() {
        #expect(CapabilityNames.normalized("cap_net_admin") == "NET_ADMIN")
        #expect(CapabilityNames.normalized("CAP_SYS_ADMIN") == "SYS_ADMIN")
        #expect(CapabilityNames.normalized("all") == "ALL")
        #expect(RunsAsRootRule.isRoot("root"))
        #expect(RunsAsRootRule.isRoot("0"))
        #expect(RunsAsRootRule.isRoot("00"))
        #expect(!RunsAsRootRule.isRoot("Root"))
        #expect(!RunsAsRootRule.isRoot("1000"))
    }

    @Test func noNewPrivilegesLastEntryWins() throws {
        let text = """
            services:
              web:
                image: nginx
                security_opt:
                  - no-new-privileges:true
                  - no-new-privileges:false
              api:
                image: api
                security_opt:
                  - no-new-privileges:false
                  - no-new-privileges
            """
        let finding = try RuleHarness.single(PrivilegeEscalationRule.self, text, format: .compose)
        #expect(finding.target.name == "web")
        #expect(finding.location.line == 6)
        let fix = try #require(finding.fix)
        #expect(fix.kind == .safe)
        #expect(
            fix.changes.map(\.operation) == [
                .replaceItem(.string("no-new-privileges:false"), with: .string("no-new-privileges:true"))
            ])
        #expect(fix.changes.allSatisfy { $0.scope == .service && $0.path == ["security_opt"] })
        #expect(fix.changes.first?.existing?.kind == .sequence)
    }

    @Test func missingNoNewPrivilegesAppends() throws {
        let finding = try RuleHarness.single(
            PrivilegeEscalationRule.self,
            """
            services:
              web:
                image: nginx
            """, format: .compose)
        #expect(finding.location.line == 2)
        let change = try #require(finding.fix?.changes.first)
        #expect(change.operation == .append(.string("no-new-privileges:true")))
        #expect(change.existing == nil)
        #expect(RuleHarness.text(of: change.target)?.hasPrefix("image: nginx") == true)
    }

    @Test func userFixUsesTheParameter() throws {
        let unset = try RuleHarness.single(
            RunsAsRootRule.self,
            """
            services:
              web:
                image: example/web
            """, format: .compose, parameters: ["user": .string("2000:3000")])
        let change = try #require(unset.fix?.changes.first)
        #expect(change.scope == .service)
        #expect(change.path == ["user"])
        #expect(change.operation == .set(.string("2000:3000")))

        let group = try RuleHarness.single(
            RunsAsRootRule.self,
            """
            services:
              web:
                image: nginx
                user: "1000:root"
            """, format: .compose, parameters: ["user": .string("2000:3000")])
        #expect(group.fix?.changes.first?.operation == .set(.string("1000:3000")))
        #expect(RuleHarness.text(of: group.fix?.changes.first?.existing) == "\"1000:root\"")

        let nonRoot = """
            services:
              web:
                image: nginx
                user: "1000"
            """
        #expect(try RuleHarness.findings(RunsAsRootRule.self, nonRoot, format: .compose).isEmpty)
    }

    @Test func composeCapabilitiesAreCaseInsensitive() throws {
        let findings = try RuleHarness.findings(
            CapabilitiesAddedRule.self,
            """
            services:
              web:
                image: nginx
                cap_drop: [all]
                cap_add: [cap_chown, net_raw, CAP_SYS_ADMIN]
            """, format: .compose)
        #expect(findings.map(\.setting) == ["cap_add[net_raw]", "cap_add[CAP_SYS_ADMIN]"])
        #expect(findings.map(\.severity) == [.high, .critical])
        #expect(
            try RuleHarness.findings(
                CapabilitiesNotDroppedRule.self,
                """
                services:
                  web:
                    image: nginx
                    cap_drop: [all]
                """, format: .compose
            ).isEmpty)
    }

    @Test func unconfinedEntriesAreRemoved() throws {
        let text = """
            services:
              web:
                image: nginx
                privileged: true
                security_opt:
                  - seccomp=unconfined
                  - apparmor:unconfined
            """
        let seccomp = try RuleHarness.single(SeccompUnconfinedRule.self, text, format: .compose)
        #expect(seccomp.fix?.changes.first?.operation == .removeItem(.string("seccomp=unconfined")))
        #expect(seccomp.location.line == 6)
        let appArmor = try RuleHarness.single(AppArmorUnconfinedRule.self, text, format: .compose)
        #expect(appArmor.fix?.changes.first?.operation == .removeItem(.string("apparmor:unconfined")))
        let privileged = try RuleHarness.single(PrivilegedContainerRule.self, text, format: .compose)
        #expect(privileged.fix?.changes.first?.path == ["privileged"])
        #expect(privileged.fix?.changes.first?.scope == .service)
        #expect(privileged.setting == "privileged")
    }
}
