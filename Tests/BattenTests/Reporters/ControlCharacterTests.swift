import Testing

@testable import Batten

/// A name from the input cannot break out of its line in the text and GitHub reports: a service
/// called `x\n::error::…` must not become a workflow command in a CI log.
@Suite struct ControlCharacterTests {
    static let hostile = """
        services:
          "web\\n::error file=x::owned\\r\\u001b[31m\\u0085":
            image: nginx:1.27
            privileged: true

        """

    @Test func controlCharactersAreEscaped() {
        #expect("a\nb\rc\td".escapingControlCharacters == "a\\nb\\rc\td")
        #expect("\u{1B}[31m\u{7F}\u{85}\u{2028}".escapingControlCharacters == "\\u{1B}[31m\\u{7F}\\u{85}\\u{2028}")
        #expect("plain … é 日本".escapingControlCharacters == "plain … é 日本")
    }

    @Test func gitHubEscapesEveryControlCharacter() {
        #expect(GitHubReporter.escapeData("a\u{1B}b\u{85}c\u{2028}d\te") == "a%1Bb%85c%2028d\te")
    }

    @Test func theTextReportKeepsEachNameOnItsLine() throws {
        let report = try ReporterTestSupport.report(Self.hostile)
        #expect(report.activeCount > 0)
        for showsDetails in [true, false] {
            let text = TextReporter(showsDetails: showsDetails).render(report)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(!lines.contains { $0.hasPrefix("::") }, "\(text)")
            #expect(!text.contains("\u{1B}") && !text.contains("\r") && !text.contains("\u{85}"))
            #expect(text.contains("service web\\n::error file=x::owned\\r\\u{1B}[31m\\u{85}"))
        }
    }

    @Test func theGitHubReportHasOneLinePerAnnotation() throws {
        let report = try ReporterTestSupport.report(Self.hostile)
        let text = GitHubReporter().render(report)
        let lines = text.split(separator: "\n")
        #expect(lines.count == report.activeCount + report.errors.count)
        #expect(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") })
        #expect(!text.contains("\u{1B}") && !text.contains("\r") && !text.contains("\u{85}"))
    }
}
