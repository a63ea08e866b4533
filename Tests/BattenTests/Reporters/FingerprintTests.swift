import BattenYAML
import Testing

@testable import Batten

@Suite struct FingerprintTests {
    /// Known answers of FIPS 180-2 and of another SHA-256 implementation: the digests baselines
    /// and manifests are made of.
    @Test func sha256KnownAnswers() {
        #expect(SHA256Digest.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256Digest.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256Digest.hex(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The hexadecimal prefix a fingerprint is made of.
    @Test func digestHexPrefix() {
        #expect(SHA256Digest.hex("batten", bytes: 16) == "7909789af9e228de3373013154840be0")
        #expect(SHA256Digest.hex("batten") == "7909789af9e228de3373013154840be0341bf9fccf0f86a959668c2079ddacd6")
    }

    static func finding(line: Int, path: String = "compose.yaml", container: String? = nil, setting: String = "privileged") -> Finding {
        let start = SourcePosition(offset: line * 10, line: line, column: 5)
        let end = SourcePosition(offset: line * 10 + 8, line: line, column: 13)
        return Finding(
            ruleID: "privileged-container", severity: .critical, message: "m", location: SourceLocation(path: path, start: start, end: end),
            target: FindingTarget(format: .kubernetes, kind: "Deployment", name: "api", namespace: "shop", container: container),
            setting: setting)
    }

    @Test func linesDoNotChangeTheFingerprint() {
        #expect(FindingFingerprint.of(Self.finding(line: 3)) == FindingFingerprint.of(Self.finding(line: 300)))
        #expect(FindingFingerprint.of(Self.finding(line: 3)).count == 32)
    }

    @Test func everyIdentityPartChangesIt() {
        let base = FindingFingerprint.of(Self.finding(line: 3))
        #expect(base != FindingFingerprint.of(Self.finding(line: 3, path: "other.yaml")))
        #expect(base != FindingFingerprint.of(Self.finding(line: 3, container: "app")))
        #expect(base != FindingFingerprint.of(Self.finding(line: 3, setting: "securityContext.privileged")))
    }

    @Test func dotSlashIsTheSameFile() {
        #expect(
            FindingFingerprint.of(Self.finding(line: 1, path: "./k8s//api.yaml"))
                == FindingFingerprint.of(Self.finding(line: 1, path: "k8s/api.yaml")))
    }

    @Test func baselineFileRoundTrips() throws {
        let findings = [Self.finding(line: 1), Self.finding(line: 2, container: "app"), Self.finding(line: 9)]
        let baseline = Baseline(recording: findings)
        #expect(baseline.entries.count == 2)
        let parsed = try Baseline.parse(Array(baseline.render().utf8))
        #expect(parsed == baseline)
        #expect(!baseline.render().contains("\"line\""))
    }

    @Test func suppressedFindingsAreNotRecordedButBaselineOnesAre() {
        var policy = Self.finding(line: 1)
        policy.suppression = Suppression(source: .policy, reason: "accepted")
        var earlier = Self.finding(line: 2, container: "app")
        earlier.suppression = Suppression(source: .baseline, reason: "old")
        #expect(Baseline(recording: [policy, earlier]).entries.map(\.container) == ["app"])
    }

    @Test func badBaselinesAreRefusedWithAReason() {
        #expect(throws: BaselineError.self) { try Baseline.parse(Array("[]".utf8)) }
        #expect(throws: BaselineError.self) { try Baseline.parse(Array("{\"version\": 2, \"findings\": []}".utf8)) }
        #expect(throws: BaselineError.self) { try Baseline.parse(Array("{\"version\": 1, \"findings\": [{}]}".utf8)) }
    }

    @Test func aCorruptBaselineSaysWhere() {
        do {
            _ = try Baseline.parse(Array("{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": \"a\"},,\n".utf8))
            Issue.record("a corrupt baseline was read")
        } catch {
            #expect(error.position?.line == 4)
            #expect(error.message.hasPrefix("not a Batten baseline"))
        }
        do {
            _ = try Baseline.parse(Array("{\"version\": 1, \"findings\": [{}]}".utf8))
            Issue.record("a baseline without fingerprints was read")
        } catch {
            #expect(error.position.map { "\($0.line):\($0.column)" } == "1:1")
        }
    }

    @Test func applyingMarksMatchesAndListsFixedEntries() throws {
        let result = try ReporterTestSupport.result(ReporterTestSupport.composeWithSecrets)
        let recorded = Baseline(recording: result.findings)
        let stale = BaselineEntry(
            fingerprint: "0123", ruleID: "host-namespaces", file: "compose.yaml", workload: "service gone", container: nil,
            setting: "pid", message: "old")
        let baseline = Baseline(entries: recorded.entries + [stale])
        let (applied, outcome) = baseline.apply(to: result, path: "b.json")
        #expect(applied.activeFindings.isEmpty)
        #expect(outcome.fixed == [stale])
        #expect(outcome.matched == result.activeFindings.count)
        #expect(applied.findings.allSatisfy { $0.suppression?.source == .baseline })
        #expect(applied.exitCode(threshold: .info) == 0)
    }
}
