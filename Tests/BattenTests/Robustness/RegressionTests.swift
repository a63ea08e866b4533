import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Inputs that once crashed or hung the pipeline (found by `Scripts/fuzz.sh`), run through
/// parse → load → audit → report → fix. Each must complete, and give the same result twice.
@Suite("Fuzzer regressions")
struct RegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/regressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }

    @Test("regression input completes the whole pipeline", arguments: inputs)
    func completes(_ name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.directory.appendingPathComponent(name).path))
        let first = RobustnessPipeline.runAll([UInt8](bytes))
        let second = RobustnessPipeline.runAll([UInt8](bytes), jobs: 2)
        #expect(first.0.findings.map(\.message) == second.0.findings.map(\.message))
        #expect(first.0.diagnostics == second.0.diagnostics)
        #expect(first.1.changedPatches.map(\.patched) == second.1.changedPatches.map(\.patched))
    }
}
