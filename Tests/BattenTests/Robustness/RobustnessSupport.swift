import BattenYAML
import Foundation

@testable import Batten

/// A scratch directory of input files and the full pipeline over it: parse → load → audit → fix.
struct HostileWorkspace {
    let root: URL

    init(_ name: String) throws {
        root = try TemporaryDirectory.make("hostile-\(name)")
    }

    func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A well-formed manifest next to the hostile input: it must be analysed whatever the rest does.
    @discardableResult
    func writeGoodManifest(_ relative: String = "good/pod.yaml") throws -> String {
        try write(relative, RobustnessPipeline.goodPod)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// Runs the analyzer the way `batten audit` and `batten fix` do.
enum RobustnessPipeline {
    static let policy: ResolvedPolicy = {
        PolicyResolver().resolve(selection: "production", workingDirectory: "/").policy
            ?? ResolvedPolicy.only(RuleRegistry.all)
    }()

    /// A Pod with findings of its own, named `good`.
    static let goodPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: good
        spec:
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                privileged: true

        """

    static func audit(_ paths: [String], limits: YAMLLimits = .default, jobs: Int = 2) -> AnalysisResult {
        let request = AnalysisRequest(paths: paths, limits: limits, environment: [:], jobs: jobs)
        return Analyzer(policy: policy, today: "2025-06-01").run(request) { [] }
    }

    /// Audits standard input named `name`, renders the report and computes (never writes) the fixes.
    static func runAll(_ bytes: [UInt8], name: String = "compose.yaml", jobs: Int = 1) -> (AnalysisResult, FixOutcome) {
        let request = AnalysisRequest(paths: ["-"], stdinName: name, environment: [:], jobs: jobs)
        let analyzer = Analyzer(policy: policy, today: "2025-06-01")
        let result = analyzer.run(request) { bytes }
        _ = TextReporter().render(Report(result: result, threshold: policy.failOn))
        let outcome = FixSession(selection: FixSelection(upTo: .decision)).run(result) { overlay, _ in
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            return analyzer.run(patched) { overlay[name] ?? bytes }
        }
        return (result, outcome)
    }

    /// True when the `good` Pod was loaded and its privileged container reported.
    static func goodPodWasAudited(_ result: AnalysisResult) -> Bool {
        result.workloads.contains { $0.name == "good" }
            && result.findings.contains { $0.ruleID == "privileged-container" && $0.target.name == "good" }
    }
}
