import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The JUnit goldens are well-formed XML whose counts add up.
@Suite struct JUnitGoldenTests {
    final class Counter: NSObject, XMLParserDelegate {
        var testcases = 0
        var failures = 0
        var skipped = 0
        var declaredTests: Int?
        var declaredFailures: Int?

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch element {
            case "testsuites":
                declaredTests = attributes["tests"].flatMap { Int($0) }
                declaredFailures = attributes["failures"].flatMap { Int($0) }
            case "testcase": testcases += 1
            case "failure": failures += 1
            case "skipped": skipped += 1
            default: break
            }
        }
    }

    @Test(arguments: GoldenScenario.all)
    func junitIsWellFormed(_ scenario: GoldenScenario) throws {
        let url = scenario.directory(root: try CLIHarness.packageRoot()).appendingPathComponent("report.junit.xml")
        let parser = try #require(XMLParser(contentsOf: url))
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.declaredTests == counter.testcases)
        #expect(counter.declaredFailures == counter.failures)
        #expect(counter.testcases > 0)
    }
}
