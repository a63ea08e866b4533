import BattenYAML
import Testing
@testable import Batten

@Suite struct FingerprintTests {
    /// The portable rounds, and the processor's SHA extensions where it has them.
    static let sha256Paths = SHA256.hardwareAvailable ? [false, true] : [false]

    @Test(arguments: sha256Paths)
    func sha256KnownAnswers(hardware: Bool) {
        #expect(SHA256.hex("", hardware: hardware) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc", hardware: hardware) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", hardware: hardware)
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1000), hardware: hardware).count == 64)
        #expect(
            SHA256.hex(String(repeating: "a", count: 1_000_000), hardware: hardware)
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the block and padding boundaries (55, 56, 63, 64 … bytes), against digests
    /// computed by another SHA-256 implementation over the bytes `i * 7 mod 256`.
    @Test(arguments: [
        (55, "576a1bf8d4478657e6dc4af9398544765c2a92cde28478b019235cfed315fc09"),
        (56, "9b20501dfd1d99161c257950f3444f3e49230c351c5c8e0943ef369f85f5205d"),
        (63, "30b345906b493f06f69444b6521113511c242f30e29840462950035043682f1e"),
        (64, "d8bc63b4fc1156e5e7d95a418b9bf54cd3174bedbc2db40f74895349b229b3c0"),
        (65, "1ee23b0fbcaecc1aff4a9e8f1645f35ab2c8e13609cd73b68df8b5e3f63ce073"),
        (119, "7a6589821178918ca8d9edaba5abfc1e9b2669564f4469b66885379c1530b2c8"),
        (120, "655250427d56b1b0eeb8497d21428704273458a01772d6881b65c0abac0f8a98"),
        (128, "54c9eb041badfd7064645067b107661fed6113197ce2dd066ba69618abd3732f"),
    ], sha256Paths)
    func sha256BlockBoundaries(length: (Int, String), hardware: Bool) {
        let bytes = (0..<length.0).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let digest = bytes.withUnsafeBufferPointer { SHA256.words(of: $0, hardware: hardware).bytes }
        let hex = digest.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        #expect(hex == length.1)
    }

    /// The path the fingerprints take (the SHA extensions where the processor has them) gives the
    /// portable rounds' digest for every length from 0 to 600 bytes (every padding case, one to ten
    /// blocks), of bytes from a fixed pseudo-random sequence.
    @Test func sha256PathsAgree() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0...600 {
            let bytes = (0..<length).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            let portable = bytes.withUnsafeBufferPointer { SHA256.words(of: $0, hardware: false).bytes }
            let used = bytes.withUnsafeBufferPointer { SHA256.words(of: $0).bytes }
            #expect(used == portable, "length \(length), SHA extensions: \(SHA256.hardwareAvailable)")
        }
    }

    /// The hexadecimal prefix a fingerprint is made of, against a digest computed by another
    /// SHA-256 implementation.
    @Test func digestHexPrefix() {
        let words = Array("batten".utf8).withUnsafeBufferPointer { SHA256.words(of: $0) }
        #expect(words.hex(bytes: 16) == "7909789af9e228de3373013154840be0")
        #expect(words.hex(bytes: 32) == "7909789af9e228de3373013154840be0341bf9fccf0f86a959668c2079ddacd6")
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
