import BattenYAML
import Foundation
import Testing

@testable import Batten

/// `batten audit` keeps only what its reports need (each unit's parsed files go once it is
/// audited) and streams a lone JSON report; neither may change a byte of any report.
@Suite("Streamed and lean analysis")
struct StreamedAnalysisTests {
    static let inputs = ParallelAnalysisTests.inputs

    static func request(_ input: String, jobs: Int) -> AnalysisRequest {
        let path = ParallelAnalysisTests.repository.appendingPathComponent(input).path
        return AnalysisRequest(paths: [path], environment: [:], jobs: jobs)
    }

    static var analyzer: Analyzer { Analyzer(policy: RobustnessPipeline.policy, today: "2025-06-01") }

    /// A new temporary directory with one file, `name`, holding `text`; the caller removes it.
    static func directory(holding name: String, _ text: String) throws -> URL {
        let directory = try TemporaryDirectory.make("sliced")
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return directory
    }

    @Test("a streamed JSON report has the bytes of the report of the kept findings", arguments: inputs, [1, 2])
    func streamedJSON(_ input: String, jobs: Int) {
        let request = Self.request(input, jobs: jobs)
        let kept = Self.analyzer.run(request) { [] }
        let expected = JSONReporter().bytes(Report(result: kept, threshold: .high))
        var streamed: [UInt8] = []
        var pieces = 0
        var calls = 0
        var reporter = ObservedReporter(JSONReporter()) { part in
            calls += 1
            #expect(part.secrets == nil)
        }
        var output = ReportOutput(chunkSize: 4_096) { piece in
            streamed += piece
            pieces += 1
        }
        let (result, report) = Self.analyzer.stream(request, into: &reporter, output: &output, threshold: .high, readStandardInput: { [] })
        let tally = report.tally
        #expect(pieces > 1)
        #expect(kept.findings.count > 100)
        #expect(calls > 1)
        #expect(result.findings.isEmpty)
        #expect(tally.total == kept.findings.count)
        #expect(String(decoding: streamed, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        let full = Report(result: kept, threshold: .high)
        #expect(report.activeCount == full.activeCount && report.failingCount == full.failingCount)
        #expect(report.severityTotals == full.severityTotals && report.suppressedCount == full.suppressedCount)
    }

    @Test("a streamed text report has the text of the report of the kept findings", arguments: inputs, [false, true])
    func streamedText(_ input: String, details: Bool) {
        let request = Self.request(input, jobs: 2)
        let kept = Self.analyzer.run(request) { [] }
        for showSuppressed in [false, true] {
            let reporter = TextReporter(showSuppressed: showSuppressed, showsDetails: details)
            let expected = reporter.render(Report(result: kept, threshold: .high))
            var streamed = ""
            var output = ReportOutput { streamed += String(decoding: $0, as: UTF8.self) }
            var counted = ObservedReporter(reporter) { part in
                #expect(!details || part.findings.isEmpty || !part.sources.isEmpty)
            }
            _ = Self.analyzer.stream(request, into: &counted, output: &output, threshold: .high, readStandardInput: { [] })
            #expect(streamed == expected, "show suppressed: \(showSuppressed)")
        }
    }

    @Test("a file of many documents, loaded in slices, streams the reports of the kept findings", arguments: [1, 2])
    func slicedFile(_ jobs: Int) throws {
        var manifest = ""
        for index in 0..<600 {
            manifest += """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app-\(index)
                spec:
                  template:
                    spec:
                      securityContext:
                        runAsNonRoot: \(index % 2 == 0)

                      containers:
                        - name: app
                          image: registry.example.com/app:\(index)
                          env:
                            - name: DB_PASSWORD
                              value: hunter\(index)hunter
                          securityContext:
                            privileged: \(index % 3 == 0)


                """
        }
        let directory = try Self.directory(holding: "deployments.yaml", manifest)
        defer { try? FileManager.default.removeItem(at: directory) }
        let request = AnalysisRequest(paths: [directory.path], environment: [:], jobs: jobs)
        let kept = Self.analyzer.run(request) { [] }
        #expect(kept.workloads.count == 600)
        let report = Report(result: kept, threshold: .high)
        var json: [UInt8] = []
        var text = ""
        var jsonReporter = JSONReporter()
        var jsonOutput = ReportOutput { json += $0 }
        _ = Self.analyzer.stream(request, into: &jsonReporter, output: &jsonOutput, threshold: .high, readStandardInput: { [] })
        var textReporter = TextReporter(showSuppressed: true)
        var textOutput = ReportOutput { text += String(decoding: $0, as: UTF8.self) }
        _ = Self.analyzer.stream(request, into: &textReporter, output: &textOutput, threshold: .high, readStandardInput: { [] })
        let reporter = TextReporter(showSuppressed: true)
        #expect(String(decoding: json, as: UTF8.self) == JSONReporter().render(report))
        #expect(text == reporter.render(report))
        #expect(!text.contains("hunter1hunter"))
    }

    @Test("a file of many documents that breaks off keeps the documents before the error, read in slices", arguments: [1, 2])
    func slicedFileWithError(_ jobs: Int) throws {
        var manifest = ""
        for index in 0..<700 {
            manifest +=
                "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-\(index)\nspec:\n  containers:\n"
                + "    - name: app\n      image: app:1\n      securityContext: {privileged: true}\n"
        }
        manifest += "---\napiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n"
        let directory = try Self.directory(holding: "pods.yaml", manifest)
        defer { try? FileManager.default.removeItem(at: directory) }
        let request = AnalysisRequest(paths: [directory.path], environment: [:], jobs: jobs)
        let kept = Self.analyzer.run(request) { [] }
        #expect(kept.workloads.map(\.name) == (0..<700).map { "pod-\($0)" })
        #expect(kept.loaded.kubernetesFiles.map(\.documents) == [700])
        let errors = kept.diagnostics.filter { $0.level == .error }
        #expect(errors.count == 1)
        #expect((errors.first?.position?.line ?? 0) >= 7004)
        var streamedFindings = 0
        let streamed = Self.analyzer.stream(request, readStandardInput: { [] }, each: { part in streamedFindings += part.findings.count })
        #expect(streamedFindings == kept.findings.count)
        #expect(streamed.diagnostics.map(\.message) == kept.diagnostics.map(\.message))
        #expect(streamed.loaded.kubernetesFiles.map(\.documents) == [700])
    }

    @Test("a line two Compose projects share is reported once, kept or streamed")
    func sharedLineOnce() throws {
        let directory = try TemporaryDirectory.make("shared")
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["app", "common"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let common = directory.appendingPathComponent("common/compose.yaml")
        let app = directory.appendingPathComponent("app/compose.yaml")
        try Data("services:\n  web:\n    image: nginx:1.27\n    privileged: true\n".utf8).write(to: common)
        try Data("services:\n  web:\n    extends:\n      file: ../common/compose.yaml\n      service: web\n".utf8).write(to: app)
        let request = AnalysisRequest(paths: [app.path, common.path], environment: [:], jobs: 2)
        let kept = Self.analyzer.run(request) { [] }
        var streamed: [Finding] = []
        _ = Self.analyzer.stream(request, readStandardInput: { [] }, each: { streamed += $0.findings })
        for findings in [kept.findings, streamed] {
            #expect(findings.filter { $0.ruleID == "privileged-container" }.count == 1)
        }
        #expect(kept.workloadSummaries.count == 2)
    }

    @Test("keeping only what reports need changes no report", arguments: inputs)
    func leanRetention(_ input: String) {
        let request = Self.request(input, jobs: 2)
        let kept = Self.analyzer.run(request) { [] }
        let quoting = Self.analyzer.run(request, retention: .report(quotesSource: true)) { [] }
        let bare = Self.analyzer.run(request, retention: .report(quotesSource: false)) { [] }
        #expect(!kept.workloads.isEmpty)
        #expect(quoting.workloads.isEmpty && bare.workloads.isEmpty)
        #expect(quoting.workloadSummaries == kept.workloadSummaries && bare.workloadSummaries == kept.workloadSummaries)
        #expect(bare.findings.allSatisfy { $0.fix?.changes.isEmpty ?? true })
        let render = { (result: AnalysisResult, reporter: any Reporter) in
            reporter.render(Report(result: result, threshold: .high))
        }
        #expect(render(quoting, TextReporter(showSuppressed: true)) == render(kept, TextReporter(showSuppressed: true)))
        for reporter: any Reporter in [JSONReporter(), JUnitReporter(), MarkdownReporter(), GitHubReporter()] {
            #expect(render(bare, reporter) == render(kept, reporter), "\(type(of: reporter))")
        }
        #expect(bare.diagnostics == kept.diagnostics)
    }

    @Test("the pool hands results on in key order, slices after their unit", arguments: [1, 2, 4])
    func poolOrder(_ jobs: Int) {
        let pool = WorkPool<[Int]>()
        for unit in 0..<60 {
            pool.add(key: [unit], weight: (unit * 37) % 11) { pool in
                if unit % 7 == 0 {
                    for slice in 1...3 { pool.add(key: [unit, slice], weight: 5) { _ in [unit, slice] } }
                }
                return [unit]
            }
        }
        var handedOn: [[Int]] = []
        pool.run(jobs: jobs) { handedOn.append($0) }
        var expected: [[Int]] = []
        for unit in 0..<60 {
            expected.append([unit])
            if unit % 7 == 0 { expected += (1...3).map { [unit, $0] } }
        }
        #expect(handedOn == expected)

        let keeping = WorkPool<Int>()
        for unit in 0..<30 { keeping.add(key: [unit], weight: unit) { _ in unit } }
        #expect(keeping.run(jobs: jobs).map(\.output) == Array(0..<30))
    }

    @Test("only a file that names ServiceAccount as a word is read for ServiceAccounts")
    func serviceAccountWord() {
        let cases: [(String, Bool)] = [
            ("kind: ServiceAccount\n", true),
            ("{\"kind\":\"ServiceAccount\"}", true),
            ("subjects:\n- kind: ServiceAccount", true),
            ("automountServiceAccountToken: false\n", false),
            ("serviceAccountName: api\n", false),
            ("kind: ServiceAccounts\n", false),
            ("", false),
        ]
        for (text, expected) in cases {
            #expect(ServiceAccountScan.mentionsServiceAccount(Array(text.utf8)) == expected, "\(text)")
        }
    }

    @Test("the ServiceAccount scan keeps the parses of small Kubernetes files, in input order, within its budget")
    func scanKeepsParses() {
        func file(_ path: String, _ text: String) -> InputFile {
            InputFile(source: SourceFile(path: path, text: text), origin: .explicit)
        }
        func account(_ name: String) -> String {
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: \(name)\nautomountServiceAccountToken: false\n"
        }
        let files = [
            file("a.yaml", account("api")),
            file("compose.yaml", "services:\n  web:\n    image: nginx # ServiceAccount\n"),
            file("b.yaml", account("api") + "---\n" + account("worker")),
            file("c.yaml", RobustnessPipeline.goodPod),
            file("d.yaml", account("late")),
        ]
        let budget = files[0].source.bytes.count + files[1].source.bytes.count + files[2].source.bytes.count
        let kept = ServiceAccountScan.accounts(in: files, limits: .default, jobs: 2, keptDocuments: 1, budget: budget)
        let none = ServiceAccountScan.accounts(in: files, limits: .default, jobs: 1)
        #expect(kept.accounts.map(\.name) == ["api", "api", "worker", "late"])
        #expect(none.accounts.map(\.name) == kept.accounts.map(\.name))
        #expect(none.streams.count == 0)
        // a.yaml is kept; compose.yaml is not Kubernetes, b.yaml has two documents, c.yaml names no
        // ServiceAccount and d.yaml is past the budget.
        #expect(kept.streams.count == 1)
        #expect(kept.streams.take("a.yaml")?.documents.count == 1)
        #expect(kept.streams.take("a.yaml") == nil, "a parse is handed out once")
    }

    @Test("files parsed by the ServiceAccount scan give what parsing them again gives", arguments: [1, 2])
    func scannedParsesChangeNothing(_ jobs: Int) throws {
        let account = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\nautomountServiceAccountToken: false\n"
        let workload = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {serviceAccountName: api, containers: [{name: web, image: "nginx:1.27"}]}

            """
        let directory = try Self.directory(holding: "accounts.yaml", account + "---\n" + workload)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data((workload + "---\n" + account).utf8).write(to: directory.appendingPathComponent("later.yaml"))
        try Data("kind: ServiceAccount\nmetadata: [\n".utf8).write(to: directory.appendingPathComponent("z-error.yaml"))
        let samples = ParallelAnalysisTests.repository.appendingPathComponent("Samples").path
        for paths in [[directory.path], [samples], [directory.path, samples]] {
            var request = AnalysisRequest(paths: paths, environment: [:], jobs: jobs)
            let reparsed: AnalysisResult = {
                var request = request
                request.scanBudget = 0
                return Self.analyzer.run(request) { [] }
            }()
            request.scanBudget = 1 << 30
            let scanned = Self.analyzer.run(request) { [] }
            #expect(!scanned.findings.isEmpty)
            let expected = JSONReporter().bytes(Report(result: reparsed, threshold: .high))
            #expect(JSONReporter().bytes(Report(result: scanned, threshold: .high)) == expected, "\(paths)")
            #expect(scanned.loaded.diagnostics == reparsed.loaded.diagnostics)
        }
    }
}
