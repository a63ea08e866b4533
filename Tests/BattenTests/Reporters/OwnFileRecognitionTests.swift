import Testing

@testable import Batten

/// Every report Batten writes, and its baseline, is recognised as Batten's own; other files are not.
@Suite struct OwnFileRecognitionTests {
    static func ends(_ text: String) -> (head: [UInt8], tail: [UInt8]) {
        let bytes = Array(text.utf8)
        return (Array(bytes.prefix(OwnFileRecognition.window)), Array(bytes.suffix(OwnFileRecognition.window)))
    }

    static func isOwn(_ text: String, _ kind: OwnFileRecognition.Kind) -> Bool {
        let (head, tail) = ends(text)
        return OwnFileRecognition.isOwn(head: head, tail: tail, kind: kind)
    }

    @Test(arguments: ReportFormat.allCases)
    func everyReportIsRecognisedAsItsOwnFormatOnly(_ format: ReportFormat) throws {
        for yaml in [ReporterTestSupport.composeWithSecrets, "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n"] {
            let report = try ReporterTestSupport.report(yaml)
            let text = format.reporter().render(report)
            guard !text.isEmpty else { continue }
            #expect(Self.isOwn(text, .report(format)), "\(format) not recognised")
            for other in ReportFormat.allCases where other != format {
                #expect(!Self.isOwn(text, .report(other)), "\(format) taken for \(other)")
            }
            #expect(!Self.isOwn(text, .baseline))
        }
        let coloured = TextReporter(style: TerminalStyle(enabled: true)).render(try ReporterTestSupport.report(ReporterTestSupport.composeWithSecrets))
        #expect(Self.isOwn(coloured, .report(.text)))
    }

    @Test func aBaselineIsRecognised() throws {
        let result = try ReporterTestSupport.result(ReporterTestSupport.composeWithSecrets)
        let text = Baseline(recording: result.findings).render()
        #expect(Self.isOwn(text, .baseline))
        #expect(!Self.isOwn(text, .report(.json)))
    }

    @Test(arguments: [
        "services:\n  web:\n    image: nginx\n", "my notes\n", "{\"version\": 1, \"findings\": []}\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pytest\">\n", "## Release notes\n",
        "::error::x\nnot a command\n", "{\"$schema\": \"x\", \"runs\": []}",
    ])
    func foreignFilesAreNotRecognised(_ text: String) {
        for format in ReportFormat.allCases { #expect(!Self.isOwn(text, .report(format)), "\(format)") }
        #expect(!Self.isOwn(text, .baseline))
    }

    @Test func anEmptyFileIsBattensToFill() {
        #expect(OwnFileRecognition.isOwn(head: [], tail: [], kind: .report(.markdown)))
    }
}
