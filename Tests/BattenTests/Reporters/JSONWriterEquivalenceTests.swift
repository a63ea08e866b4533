import Foundation
import Testing

@testable import Batten

/// The JSON report is written as it goes through one writer; fingerprints and the report order are
/// computed on bytes and ranks. Each must give exactly what the straightforward code gave: the tree
/// rendered into a `String`, the joined-string SHA-256, the comparison sort.
@Suite("JSON writer equivalence")
struct JSONWriterEquivalenceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let inputs = [
        "Samples/compose/webapp", "Samples/compose/hardened", "Samples/compose/monitoring", "Samples/kubernetes/webapp",
        "Samples/kubernetes/hardened", "Samples/kubernetes/helm-rendered", "Samples", "Tests/BattenTests/Fixtures",
    ]

    /// Compose with names, values and comments that need escaping.
    static let awkwardCompose = """
        services:
          "we\\"b\\\\x\\u2028y\\u2029z\\u0001\\t":
            image: "nginx:1.27"
            privileged: true
            environment:
              DB_PASSWORD: "s3cr\\u00e9t\\u2028\\"q\\\\"
              "K\\u2027\\u202A€→😀": "v\\r\\nw"
            labels:
              - "a=\\u001f/"
        """

    static func reports() throws -> [(String, Report)] {
        var reports: [(String, Report)] = []
        for input in inputs {
            let result = RobustnessPipeline.audit([repository.appendingPathComponent(input).path], jobs: 2)
            reports.append((input, Report(result: result, threshold: .high)))
            var suppressed = result
            for index in suppressed.findings.indices where index % 3 == 0 {
                suppressed.findings[index].suppression = Suppression(source: .baseline, reason: "in \"the\" baseline\n")
            }
            reports.append((input + " (suppressed)", Report(result: suppressed, threshold: .medium)))
        }
        let awkward = try ReporterTestSupport.result(awkwardCompose)
        reports.append(("awkward compose", Report(result: awkward, threshold: .high)))
        return reports
    }

    @Test("the JSON report's bytes equal its tree rendered the old way, whole or handed on in pieces")
    func reportBytes() throws {
        for (name, report) in try Self.reports() {
            let expected = ReferenceJSONText.render(ReferenceJSONDocument.document(report)) + "\n"
            #expect(!report.findings.isEmpty || name.contains("hardened"), "\(name) has no findings")
            #expect(JSONReporter().render(report) == expected, "\(name)")
            for chunkSize in [1, 100, 4096] {
                var streamed: [UInt8] = []
                var pieces = 0
                var reporter = JSONReporter()
                var output = ReportOutput(chunkSize: chunkSize) { buffer in
                    streamed.append(contentsOf: buffer)
                    pieces += 1
                }
                reporter.write(report, into: &output)
                #expect(streamed == Array(expected.utf8), "\(name), handed on in pieces of \(chunkSize)")
                #expect(pieces > 1 || expected.utf8.count <= chunkSize + 65_536, "\(name): \(pieces) pieces")
            }
        }
    }

    @Test("a reporter written twice writes the same report twice")
    func reporterReused() throws {
        for (name, report) in try Self.reports().prefix(4) {
            for format in ReportFormat.allCases {
                var reporter = format.reporter(showSuppressed: true)
                var first = ReportOutput()
                reporter.write(report, into: &first)
                var second = ReportOutput()
                reporter.write(report, into: &second)
                #expect(first.bytes == second.bytes, "\(name), \(format)")
                #expect(first.bytes == format.reporter(showSuppressed: true).bytes(report), "\(name), \(format)")
            }
        }
    }

    @Test("JSONValue renders as before: SARIF and baseline documents, compact and with sorted keys")
    func valueRendering() throws {
        for (name, report) in try Self.reports() {
            let documents = [
                SARIFReporter().document(report), ReferenceJSONDocument.document(report),
                Baseline(recording: report.findings).json(),
            ]
            for document in documents {
                for (pretty, sorted) in [(true, false), (false, false), (true, true), (false, true)] {
                    #expect(
                        document.render(pretty: pretty, sortedKeys: sorted)
                            == ReferenceJSONText.render(document, pretty: pretty, sortedKeys: sorted), "\(name)")
                }
            }
        }
        let numbers: [JSONValue] = [
            .int(0), .int(7), .int(10), .int(-1), .int(Int.max), .int(Int.min), .double(0), .double(-0.0), .double(1e15),
            .double(999_999_999_999_999), .double(-3), .double(2.5), .double(.infinity), .double(.nan), .double(1e-7),
            .bool(true), .bool(false), .null, .array([]), .object([]), .array([.array([]), .object([("a", .object([]))])]),
        ]
        let document = JSONValue.array(numbers)
        #expect(document.render(pretty: true) == ReferenceJSONText.render(document))
        #expect(document.render(pretty: false) == ReferenceJSONText.render(document, pretty: false))
    }

    @Test("fingerprints equal SHA-256 of the joined parts")
    func fingerprints() throws {
        for (name, report) in try Self.reports() {
            for finding in report.findings {
                #expect(FindingFingerprint.of(finding) == Self.referenceFingerprint(finding), "\(name)")
            }
        }
        var finding = try #require(try Self.reports().first { !$0.1.findings.isEmpty }?.1.findings.first)
        for path in ["./a/compose.yaml", "a//b.yaml", "/x/./y.yaml", "é/./c.yaml", "/", ".", "", "a/", "./"] {
            finding.location.path = path
            #expect(FindingFingerprint.of(finding) == Self.referenceFingerprint(finding), "\(path)")
        }
    }

    @Test("the ASCII fast path of normalizedPath answers as splitting into segments")
    func normalizedPaths() {
        let pieces = ["a", "/", ".", "..", "b.yaml", "é", "/\u{301}", "\r\n", "x"]
        for path in GeneratedStrings.make(from: pieces, count: 2000, longest: 9, seed: 5) {
            #expect(FindingFingerprint.normalizedPath(path) == Self.referenceNormalizedPath(path), "\(path.debugDescription)")
        }
    }

    @Test("sorting by ranks and indices gives the stable comparison sort's order")
    func reportOrder() throws {
        for (name, report) in try Self.reports() {
            var findings = report.findings
            var state: UInt64 = 3
            for index in findings.indices.reversed() where index > 0 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                findings.swapAt(index, Int(state >> 33) % (index + 1))
            }
            // Equal keys and messages, told apart only by their input position.
            findings += findings.prefix(5).map { finding in
                var copy = finding
                copy.notes.append("copy")
                return copy
            }
            let expected = findings.sorted(by: Finding.reportOrder)
            let sorted = Auditor.inReportOrder(findings)
            #expect(sorted.map(Self.identity) == expected.map(Self.identity), "\(name)")
        }
    }

    static func identity(_ finding: Finding) -> String {
        [
            finding.location.path, "\(finding.location.start.offset)", finding.ruleID, finding.message, finding.target.displayName,
            finding.notes.joined(separator: ","),
        ].joined(separator: "|")
    }

    /// The fingerprint as first written: the parts joined into one string, hashed, hex, prefix.
    static func referenceFingerprint(_ finding: Finding) -> String {
        let target = finding.target
        let parts = [
            "batten-fingerprint-v1", finding.ruleID, referenceNormalizedPath(finding.location.path), target.format.rawValue,
            target.kind, target.namespace ?? "", target.name, target.container ?? "", finding.setting,
        ]
        return String(SHA256Digest.hex(parts.joined(separator: "\u{1F}")).prefix(32))
    }

    static func referenceNormalizedPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = segments.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? path : joined
    }
}

/// `JSONValue` rendering as it was written first, into a `String`, for comparison.
enum ReferenceJSONText {
    static func render(_ value: JSONValue, pretty: Bool = true, sortedKeys: Bool = false) -> String {
        var output = ""
        write(value, into: &output, indent: pretty ? 0 : nil, sortedKeys: sortedKeys)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout String, indent: Int?, sortedKeys: Bool) {
        switch value {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
                output += String(Int(value))
            } else if value.isFinite {
                output += String(value)
            } else {
                output += "null"
            }
        case .string(let value): output += FastPathEquivalenceTests.referenceEscaped(value)
        case .array(let values):
            if values.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                if let indent { output += "\n" + String(repeating: " ", count: indent + 2) }
                write(value, into: &output, indent: indent.map { $0 + 2 }, sortedKeys: sortedKeys)
            }
            if let indent { output += "\n" + String(repeating: " ", count: indent) }
            output += "]"
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            let ordered = sortedKeys ? members.sorted { $0.0 < $1.0 } : members
            output += "{"
            for (index, (key, value)) in ordered.enumerated() {
                if index > 0 { output += "," }
                if let indent { output += "\n" + String(repeating: " ", count: indent + 2) }
                output += FastPathEquivalenceTests.referenceEscaped(key)
                output += indent == nil ? ":" : ": "
                write(value, into: &output, indent: indent.map { $0 + 2 }, sortedKeys: sortedKeys)
            }
            if let indent { output += "\n" + String(repeating: " ", count: indent) }
            output += "}"
        }
    }
}
