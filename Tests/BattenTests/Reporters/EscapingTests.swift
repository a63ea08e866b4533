import Testing

@testable import Batten

@Suite struct EscapingTests {
    @Test func gitHubWorkflowCommandEscaping() {
        #expect(GitHubReporter.escapeData("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b")
        #expect(GitHubReporter.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
        let command = GitHubReporter.command("warning", properties: [("file", "dir,1/x:y.yaml"), ("line", "3")], message: "m::n")
        #expect(command == "::warning file=dir%2C1/x%3Ay.yaml,line=3::m::n")
    }

    @Test func gitHubLevelsBySeverity() {
        #expect(GitHubReporter.command(for: .critical) == "error")
        #expect(GitHubReporter.command(for: .high) == "error")
        #expect(GitHubReporter.command(for: .medium) == "warning")
        #expect(GitHubReporter.command(for: .low) == "notice")
        #expect(GitHubReporter.command(for: .info) == "notice")
    }

    @Test func xmlEscaping() {
        #expect(XMLText.text("a < b && c > \"d\" 'e'") == "a &lt; b &amp;&amp; c &gt; \"d\" 'e'")
        #expect(XMLText.attribute("a\"b'c\nd\te<") == "a&quot;b&apos;c&#10;d&#9;e&lt;")
        #expect(XMLText.text("bell\u{07}nul\u{00}ok\u{FFFE}") == "bell\u{FFFD}nul\u{FFFD}ok\u{FFFD}")
        #expect(XMLText.text("日本 🚀") == "日本 🚀")
    }

    @Test func markdownEscaping() {
        #expect(MarkdownText.escape("a|b `c` *d* _e_ <f> @g #1") == "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\<f\\> \\@g \\#1")
        #expect(MarkdownText.escape("one\ntwo") == "one two")
        #expect(MarkdownText.code("plain") == "`plain`")
        #expect(MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.code("`x`") == "`` `x` ``")
        #expect(MarkdownText.code("a|b") == "`a\\|b`")
    }

    @Test func sarifHelpers() {
        #expect(SARIFReporter.pascalCase("privileged-container") == "PrivilegedContainer")
        #expect(SARIFReporter.percentEncoded("dir with space/ü.yaml") == "dir%20with%20space/%C3%BC.yaml")
        #expect(SARIFReporter.level(.critical) == "error")
        #expect(SARIFReporter.level(.medium) == "warning")
        #expect(SARIFReporter.level(.info) == "note")
        #expect(SARIFReporter.securitySeverity(.high) == "8.0")
        #expect(SARIFReporter.securitySeverity(.info) == nil)
    }

    @Test func sarifArtifactLocations() {
        #expect(SARIFReporter.artifactLocation("./k8s/a.yaml")["uri"] == .string("k8s/a.yaml"))
        #expect(SARIFReporter.artifactLocation("k8s/a.yaml")["uriBaseId"] == .string("%SRCROOT%"))
        #expect(SARIFReporter.artifactLocation("/srv/a b.yaml")["uri"] == .string("file:///srv/a%20b.yaml"))
        #expect(SARIFReporter.artifactLocation("/srv/a.yaml")["uriBaseId"] == nil)
    }
}
