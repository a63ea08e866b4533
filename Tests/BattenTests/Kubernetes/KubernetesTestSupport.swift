import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Loads `text` as one Kubernetes file, failing the test when the YAML itself does not parse.
func loadKubernetes(_ text: String, path: String = "test.yaml") throws -> KubernetesLoadResult {
    try loadKubernetes(SourceFile(path: path, text: text))
}

/// Loads the bytes of `source` as one Kubernetes file, failing the test when the YAML does not parse.
func loadKubernetes(_ source: SourceFile) throws -> KubernetesLoadResult {
    let stream = YAMLParser.parse(source)
    if let error = stream.error { throw error }
    return KubernetesLoader().load(stream.documents, path: source.path)
}

/// The only workload of `text`, failing the test when there is not exactly one.
func loadSingleWorkload(_ text: String, path: String = "test.yaml") throws -> Workload {
    let result = try loadKubernetes(text, path: path)
    try #require(result.workloads.count == 1, "\(result.workloads.count) workloads; diagnostics: \(result.diagnostics)")
    return try #require(result.workloads.first)
}

extension Workload {
    /// The container named `name`, failing the test when there is none.
    func container(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Container {
        try #require(containers.first { $0.name == name }, "no container \(name)", sourceLocation: sourceLocation)
    }
}

extension KubernetesLoadResult {
    func workload(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Workload {
        try #require(workloads.first { $0.name == name }, "no workload \(name)", sourceLocation: sourceLocation)
    }

    var errors: [Diagnostic] { diagnostics.filter { $0.level == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.level == .warning } }
    var notes: [Diagnostic] { diagnostics.filter { $0.level == .note } }
}

/// The 1-based number of the first line of `text` that contains `marker`.
func lineNumber(of marker: String, in text: String) -> Int? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return lines.firstIndex { $0.contains(marker) }.map { $0 + 1 }
}

/// Directories the tests read.
enum KubernetesTestPaths {
    /// The repository's root.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/BattenTests/Fixtures/kubernetes")
    static let webappSample = repository.appendingPathComponent("Samples/kubernetes/webapp")
    static let helmSample = repository.appendingPathComponent("Samples/kubernetes/helm-rendered/rendered.yaml")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static var webappSampleExists: Bool { FileManager.default.fileExists(atPath: webappSample.path) }

    /// The webapp sample's manifests in the order `cat *.yaml` reads them.
    static func webappSampleFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: webappSample.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { webappSample.appendingPathComponent($0).path }
    }
}
