/// JUnit XML for CI test views: one test suite per file, one test case per workload and enabled
/// rule, a failure for the rule's findings, `skipped` when all of them are suppressed, and an error
/// test case for a file that could not be analysed.
public struct JUnitReporter: WholeReportFormat {
    public init() {}

    private struct Suite {
        var name: String
        var cases: [String] = []
        var tests = 0
        var failures = 0
        var errors = 0
        var skipped = 0
    }

    /// The findings, kept until the report is finished (``WholeReportFormat``).
    public var collected = CollectedFindings()

    /// The text of `report`, with every finding.
    public func text(_ report: Report) -> String {
        var findingsByCase: [String: [Finding]] = [:]
        var ruleIDsByWorkload: [String: [String]] = [:]
        var caseOrder: [String] = []
        for finding in report.findings {
            let key = Self.key(finding.workloadID, finding.ruleID)
            if findingsByCase[key] == nil {
                ruleIDsByWorkload[finding.workloadID, default: []].append(finding.ruleID)
                caseOrder.append(key)
            }
            findingsByCase[key, default: []].append(finding)
        }
        var suites: [String: Suite] = [:]
        var covered = Set<String>()
        var seenWorkloads = Set<String>()
        for workload in report.workloads where seenWorkloads.insert(workload.id).inserted {
            let file = workload.path
            var suite = suites[file] ?? Suite(name: file)
            var rules = report.rules(for: workload.format)
            let enabled = Set(rules.map(\.id))
            for ruleID in ruleIDsByWorkload[workload.id] ?? [] where !enabled.contains(ruleID) {
                if let rule = report.rule(ruleID) { rules.append(rule) }
            }
            for rule in rules {
                let key = Self.key(workload.id, rule.id)
                covered.insert(key)
                add(testCase(rule: rule, workload: workload.displayName, file: file, findings: findingsByCase[key] ?? [], report: report), to: &suite)
            }
            suites[file] = suite
        }
        for key in caseOrder where !covered.contains(key) {
            guard let findings = findingsByCase[key], let first = findings.first else { continue }
            let file = first.location.path
            var suite = suites[file] ?? Suite(name: file)
            let rule = report.rule(first.ruleID)
            add(
                testCase(
                    ruleID: first.ruleID, title: rule?.title, remediation: rule?.remediation, workload: first.target.displayName,
                    file: file, findings: findings), to: &suite)
            suites[file] = suite
        }
        for diagnostic in report.errors {
            var suite = suites[diagnostic.path] ?? Suite(name: diagnostic.path)
            let location = diagnostic.position.map { "\(diagnostic.path):\($0.line):\($0.column)" } ?? diagnostic.path
            let body = "\(location): error: \(diagnostic.message)"
            suite.cases.append(
                "    <testcase classname=\"\(XMLText.attribute(diagnostic.path))\" name=\"load\" file=\"\(XMLText.attribute(diagnostic.path))\">\n"
                    + "      <error message=\"\(XMLText.attribute(diagnostic.message))\" type=\"error\">\(XMLText.text(body))</error>\n"
                    + "    </testcase>")
            suite.tests += 1
            suite.errors += 1
            suites[diagnostic.path] = suite
        }

        let ordered = suites.values.sorted { $0.name < $1.name }
        let totals = ordered.reduce(into: (tests: 0, failures: 0, errors: 0, skipped: 0)) { totals, suite in
            totals.tests += suite.tests
            totals.failures += suite.failures
            totals.errors += suite.errors
            totals.skipped += suite.skipped
        }
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"batten\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" skipped=\"\(totals.skipped)\">",
        ]
        for suite in ordered {
            lines.append(
                "  <testsuite name=\"\(XMLText.attribute(suite.name))\" tests=\"\(suite.tests)\" failures=\"\(suite.failures)\" "
                    + "errors=\"\(suite.errors)\" skipped=\"\(suite.skipped)\">")
            lines.append(contentsOf: suite.cases)
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private enum Outcome {
        case passed
        case failed
        case skipped
    }

    private func add(_ testCase: (text: String, outcome: Outcome), to suite: inout Suite) {
        suite.cases.append(testCase.text)
        suite.tests += 1
        switch testCase.outcome {
        case .passed: break
        case .failed: suite.failures += 1
        case .skipped: suite.skipped += 1
        }
    }

    private func testCase(rule: RuleDescription, workload: String, file: String, findings: [Finding], report: Report) -> (text: String, outcome: Outcome) {
        testCase(ruleID: rule.id, title: rule.title, remediation: rule.remediation, workload: workload, file: file, findings: findings)
    }

    private func testCase(
        ruleID: String, title: String?, remediation: String?, workload: String, file: String, findings: [Finding]
    ) -> (text: String, outcome: Outcome) {
        let name = title.map { "\(ruleID): \($0)" } ?? ruleID
        let open = "    <testcase classname=\"\(XMLText.attribute(workload))\" name=\"\(XMLText.attribute(name))\" file=\"\(XMLText.attribute(file))\""
        let active = findings.filter { !$0.isSuppressed }
        if let worst = active.max(by: { $0.severity < $1.severity }), let first = active.first {
            let message = active.count == 1 ? first.message : "\(first.message) (and \(active.count - 1) more)"
            var body: [String] = []
            for finding in findings {
                let location = "\(finding.location.path):\(finding.location.line):\(finding.location.column)"
                var entry = "\(location): \(finding.severity.rawValue)[\(finding.ruleID)] \(finding.message)"
                if let suppression = finding.suppression { entry += " (suppressed by \(suppression.source.rawValue): \(suppression.reason))" }
                body.append(entry)
            }
            if let remediation { body.append("fix: \(remediation)") }
            let text =
                open + ">\n"
                + "      <failure message=\"\(XMLText.attribute(message))\" type=\"\(worst.severity.rawValue)\">"
                + XMLText.text(body.joined(separator: "\n")) + "</failure>\n"
                + "    </testcase>"
            return (text, .failed)
        }
        if let suppressed = findings.first, let suppression = suppressed.suppression {
            let message = "suppressed by \(suppression.source.rawValue): \(suppression.reason)"
            return (open + ">\n      <skipped message=\"\(XMLText.attribute(message))\"/>\n    </testcase>", .skipped)
        }
        return (open + "/>", .passed)
    }

    private static func key(_ workload: String, _ rule: String) -> String { workload + "\u{1}" + rule }
}
