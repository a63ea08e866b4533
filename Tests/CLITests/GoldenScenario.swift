import Foundation

/// One fixed `batten audit` run over a sample whose reports are kept as golden files in
/// `Tests/CLITests/Golden/<name>/`.
struct GoldenScenario: Sendable, CustomStringConvertible {
    var name: String
    /// Input paths and Compose flags, relative to the package root.
    var input: [String]
    /// Further flags (a baseline, --show-suppressed).
    var flags: [String] = []
    var expectedStatus: Int32

    var description: String { name }

    /// The report files of a run, by format; text goes to standard output.
    static let reportFiles: [(format: String, file: String)] = [
        ("json", "report.json"),
        ("sarif", "report.sarif"),
        ("junit", "report.junit.xml"),
        ("github", "report.github.txt"),
        ("markdown", "report.md"),
    ]
    static let textFile = "report.txt"

    static let all: [GoldenScenario] = [
        GoldenScenario(name: "compose-webapp", input: ["Samples/compose/webapp"], expectedStatus: 1),
        GoldenScenario(
            name: "compose-monitoring", input: ["--project-directory", "Samples/compose/monitoring"], expectedStatus: 1),
        GoldenScenario(
            name: "compose-monitoring-prod",
            input: ["-f", "Samples/compose/monitoring/compose.yaml", "-f", "Samples/compose/monitoring/compose.prod.yaml"],
            expectedStatus: 1),
        GoldenScenario(name: "compose-hardened", input: ["Samples/compose/hardened"], expectedStatus: 0),
        GoldenScenario(name: "kubernetes-webapp", input: ["Samples/kubernetes/webapp"], expectedStatus: 1),
        GoldenScenario(name: "kubernetes-hardened", input: ["Samples/kubernetes/hardened"], expectedStatus: 0),
        GoldenScenario(name: "kubernetes-helm-rendered", input: ["Samples/kubernetes/helm-rendered"], expectedStatus: 1),
        GoldenScenario(name: "kustomize-prod", input: ["Samples/kustomize/overlays/prod"], expectedStatus: 1),
        GoldenScenario(
            name: "compose-webapp-baseline", input: ["Samples/compose/webapp"],
            flags: ["--baseline", "Tests/CLITests/Golden/compose-webapp-baseline/baseline.json", "--show-suppressed"],
            expectedStatus: 1),
    ]

    /// `Tests/CLITests/Golden/<name>`.
    func directory(root: URL) -> URL {
        root.appendingPathComponent("Tests/CLITests/Golden").appendingPathComponent(name)
    }

    /// Runs the scenario, every report format at once, and returns the run and each report's text
    /// by golden file name.
    func run() throws -> (run: CLIHarness.Run, reports: [String: String]) {
        let scratch = try CLIHarness.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var arguments = ["audit", "--policy", "production", "--color", "never"] + input + flags
        for report in Self.reportFiles {
            arguments += ["--format", report.format, "--output", scratch.appendingPathComponent(report.file).path]
        }
        arguments += ["--format", "text"]
        let run = try CLIHarness.run(arguments)
        var reports = [Self.textFile: run.stdout]
        for report in Self.reportFiles {
            let url = scratch.appendingPathComponent(report.file)
            reports[report.file] = FileManager.default.fileExists(atPath: url.path) ? try CLIHarness.read(url) : ""
        }
        return (run, reports)
    }

    /// The golden reports of every scenario, by path relative to the package root.
    static func goldenReports() throws -> [(path: String, text: String)] {
        let root = try CLIHarness.packageRoot()
        var reports: [(String, String)] = []
        for scenario in all {
            for file in [textFile] + reportFiles.map(\.file) {
                let url = scenario.directory(root: root).appendingPathComponent(file)
                guard FileManager.default.fileExists(atPath: url.path) else { continue }
                reports.append(("Tests/CLITests/Golden/\(scenario.name)/\(file)", try CLIHarness.read(url)))
            }
        }
        return reports
    }

    /// True when the goldens should be rewritten instead of compared.
    static var updating: Bool { ProcessInfo.processInfo.environment["BATTEN_UPDATE_GOLDEN"] == "1" }
}
