import BattenYAML
import Foundation
import Testing

@testable import Batten

@Suite struct ReporterTests {
    static let secretValues = ["s3cr3t-value-42", "tok-0123456789abcdef", "pa55word"]

    @Test func noReportShowsASecret() throws {
        let result = try ReporterTestSupport.result(ReporterTestSupport.composeWithSecrets)
        #expect(result.findings.contains { $0.ruleID == "plaintext-secret" })
        var suppressed = result
        for index in suppressed.findings.indices { suppressed.findings[index].suppression = Suppression(source: .policy, reason: "r") }
        for analysed in [result, suppressed] {
            let report = Report(result: analysed, threshold: .high)
            for format in ReportFormat.allCases {
                let text = format.reporter(style: TerminalStyle(enabled: true), showSuppressed: true).render(report)
                for secret in Self.secretValues {
                    #expect(!text.contains(secret), "\(format) shows \(secret)")
                }
            }
        }
    }

    @Test func textMasksTheValueAndKeepsTheCaret() throws {
        let report = try ReporterTestSupport.report(ReporterTestSupport.composeWithSecrets)
        let text = TextReporter().render(report)
        #expect(text.contains("\n          DB_PASSWORD: ***   # the real one\n          ^\n"), "\(text)")
        #expect(text.contains("\n          - API_TOKEN=***\n            ^\n"), "\(text)")
        #expect(text.contains("\n          - DATABASE_URL=***\n"), "\(text)")
    }

    @Test func maskedLineMovesTheCaretPastTheMask() throws {
        let yaml = "services:\n  web:\n    image: nginx:1.27\n    environment: {DB_PASSWORD: abcdefgh, X: 1}\n"
        let result = try ReporterTestSupport.result(yaml)
        let report = Report(result: result, threshold: .high)
        let source = try #require(result.loaded.sources["compose.yaml"])
        let masked = report.secrets.maskedLine(4, of: source, column: 42)
        #expect(masked.text == "    environment: {DB_PASSWORD: ***, X: 1}")
        #expect(masked.column == 37)
        #expect(report.secrets.maskedLine(4, of: source, column: 19).column == 19)
    }

    @Test func jsonHasTheDocumentedFields() throws {
        let report = try ReporterTestSupport.report(ReporterTestSupport.composeWithSecrets)
        let text = JSONReporter().render(report)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let document = try #require(parsed as? [String: Any])
        #expect(document["version"] as? Int == JSONReporter.version)
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty, "no findings")
        for finding in findings {
            for key in ["ruleId", "severity", "message", "file", "line", "column", "target", "fix", "suppressed", "fingerprint"] {
                #expect(finding[key] != nil, "finding without \(key)")
            }
            let target = try #require(finding["target"] as? [String: Any])
            for key in ["format", "kind", "name", "namespace", "container"] {
                #expect(target[key] != nil, "target without \(key)")
            }
        }
        #expect((document["errors"] as? [Any])?.isEmpty == true)
        #expect((document["summary"] as? [String: Any])?["passed"] as? Bool == false)
    }

    @Test func sarifCarriesFixesAsMinimalReplacements() throws {
        let yaml = "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n"
        let report = try ReporterTestSupport.report(yaml)
        let document = SARIFReporter().document(report)
        guard case .array(let runs)? = document["runs"], case .array(let results)? = runs.first?["results"] else {
            Issue.record("no results")
            return
        }
        let privileged = try #require(results.first { $0["ruleId"] == .string("privileged-container") })
        guard case .array(let fixes)? = privileged["fixes"], case .array(let changes)? = fixes.first?["artifactChanges"],
            case .array(let replacements)? = changes.first?["replacements"]
        else {
            Issue.record("no fix: \(privileged.render())")
            return
        }
        let replacement = try #require(replacements.first)
        #expect(replacement["deletedRegion"]?["startLine"] == .int(4))
        #expect(replacement["deletedRegion"]?["startColumn"] == .int(17))
        #expect(replacement["deletedRegion"]?["endColumn"] == .int(21))
        #expect(replacement["insertedContent"]?["text"] == .string("false"))
        #expect(runs.first?["columnKind"] == .string("unicodeCodePoints"))
    }

    @Test func minimalReplacementCutsAtCharacterBoundaries() {
        let source = SourceFile(path: "x.yaml", text: "a: é\nb: 1\n")
        let patched = Array("a: è\nb: 1\n".utf8)
        let replacement = FixReplacement.minimal(from: source, to: patched)
        #expect(replacement.inserted == "è")
        #expect(replacement.deleted == SourceRegion(startLine: 1, startColumn: 4, endLine: 1, endColumn: 5))
        let insertion = FixReplacement.minimal(from: source, to: Array("a: é\nc: 2\nb: 1\n".utf8))
        #expect(insertion.deleted.startLine == insertion.deleted.endLine)
        #expect(insertion.deleted.startColumn == insertion.deleted.endColumn)
        #expect(insertion.inserted == "c: 2\n" || insertion.inserted == "\nc: 2")
    }

    @Test func junitIsOneCasePerWorkloadAndRule() throws {
        let report = try ReporterTestSupport.report(ReporterTestSupport.composeWithSecrets)
        let xml = JUnitReporter().render(report)
        let cases = xml.components(separatedBy: "<testcase ").count - 1
        #expect(cases == 2 * report.rules(for: .compose).count)
        #expect(xml.contains("<testsuite name=\"compose.yaml\""))
        #expect(xml.contains("type=\"critical\""))
    }

    @Test func regionsEndOnTheLastLineOfABlock() throws {
        let source = SourceFile(path: "x.yaml", text: "a:\n  b: 1\n  c: 2\nd: 3\n")
        let location = SourceLocation(
            path: "x.yaml", start: SourcePosition(offset: 0, line: 1, column: 1), end: SourcePosition(offset: 17, line: 4, column: 1))
        #expect(SourceRegion(location, source: source) == SourceRegion(startLine: 1, startColumn: 1, endLine: 3, endColumn: 7))
    }

    @Test func familiesAndCountsArePrecomputed() throws {
        let report = try ReporterTestSupport.report(ReporterTestSupport.composeWithSecrets)
        #expect(report.severityTotals.values.reduce(0, +) == report.activeFindings.count)
        let web = try #require(report.workloads.first { $0.name == "web" })
        let failing = report.familyResults(for: web).filter { $0.1 == false }.map(\.0)
        #expect(failing.contains(.privileges))
        #expect(failing.contains(.supplyChain))
    }
}
