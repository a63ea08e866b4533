import Foundation
import Testing

/// The README's first screen shows real output: its excerpt of `batten audit Samples/compose/webapp`
/// is the start and the end of what the binary prints today.
struct ReadmeTests {
    @Test func sampleOutputInTheReadmeIsWhatTheBinaryPrints() throws {
        let readme = try CLIHarness.read(try CLIHarness.packageRoot().appendingPathComponent("README.md"))
        let marker = "$ swift run batten audit Samples/compose/webapp\n"
        let start = try #require(readme.range(of: marker), "the README has no sample output")
        let block = readme[start.upperBound...]
        let end = try #require(block.range(of: "```"))
        let excerpt = String(block[..<end.lowerBound])
        let parts = excerpt.components(separatedBy: "…\n")
        #expect(parts.count == 2, "the excerpt is a head, a line with …, and a tail")
        let run = try CLIHarness.run(["audit", "Samples/compose/webapp", "--color", "never"])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix(parts[0]), "the README's head is not what the binary prints first")
        #expect(run.stdout.hasSuffix(parts.last ?? ""), "the README's tail is not how the output ends")
    }
}

/// The README's rule table lists every rule `batten rules` knows.
struct ReadmeRuleTableTests {
    @Test func everyRuleIsInTheReadme() throws {
        let readme = try CLIHarness.read(try CLIHarness.packageRoot().appendingPathComponent("README.md"))
        let listed = Set(
            readme.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
                return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
            })
        let run = try CLIHarness.run(["rules"])
        #expect(run.status == 0)
        let ids = Set(run.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(!ids.isEmpty)
        #expect(ids.isSubset(of: listed), "missing from the README: \(ids.subtracting(listed).sorted())")
    }
}
