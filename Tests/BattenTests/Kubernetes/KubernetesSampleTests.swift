import BattenYAML
import Foundation
import Testing

@testable import Batten

@Suite(.enabled(if: KubernetesTestPaths.webappSampleExists))
struct KubernetesSampleTests {
    static func loadDirectory() -> LoadedInput {
        InputLoader().load(AnalysisRequest(paths: [KubernetesTestPaths.webappSample.path], environment: [:]))
    }

    static func loadStandardInput(_ bytes: [UInt8]) -> LoadedInput {
        InputLoader().load(AnalysisRequest(paths: ["-"], environment: [:]), readStandardInput: { bytes })
    }

    /// The config JSON without positions and file names: what must not depend on how the input arrived.
    static func withoutPositions(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(withoutPositions))
        case .object(let members):
            return .object(members.filter { !["line", "column", "file"].contains($0.0) }.map { ($0.0, withoutPositions($0.1)) })
        default: return value
        }
    }

    @Test func everyWorkloadLoadsWithoutErrors() {
        let loaded = Self.loadDirectory()
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        #expect(loaded.diagnostics.filter { $0.level != .note }.isEmpty, "\(loaded.diagnostics)")
        #expect(!loaded.workloads.isEmpty)
        for workload in loaded.workloads {
            #expect(workload.format == .kubernetes)
            #expect(!workload.containers.isEmpty, "\(workload.displayName)")
            #expect(workload.location.scalar == "spec", "\(workload.displayName)")
        }
    }

    @Test func standardInputGivesTheSameWorkloads() throws {
        var bytes: [UInt8] = []
        for path in try KubernetesTestPaths.webappSampleFiles() {
            let data = try #require(FileManager.default.contents(atPath: path))
            bytes += Array("---\n".utf8) + Array(data)
            if bytes.last != 0x0A { bytes.append(0x0A) }
        }
        try Self.expectSameWorkloads(Self.loadStandardInput(bytes))
    }

    /// `cat Samples/kubernetes/webapp/*.yaml | batten config -`: the files are concatenated as they
    /// are, which is a valid stream when every file starts with `---`.
    @Test func plainConcatenationGivesTheSameWorkloads() throws {
        #expect(try Self.everySampleStartsWithAMarker(), "every sample file must start its first document with `---`")
        var bytes: [UInt8] = []
        for path in try KubernetesTestPaths.webappSampleFiles() {
            bytes += Array(try #require(FileManager.default.contents(atPath: path)))
        }
        try Self.expectSameWorkloads(Self.loadStandardInput(bytes))
    }

    static func everySampleStartsWithAMarker() throws -> Bool {
        try KubernetesTestPaths.webappSampleFiles().allSatisfy { path in
            let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            return text.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.isEmpty } == "---"
        }
    }

    static func expectSameWorkloads(_ piped: LoadedInput) throws {
        let walked = loadDirectory()
        #expect(!piped.hasErrors, "\(piped.diagnostics)")
        #expect(piped.workloads.map(\.name) == walked.workloads.map(\.name))
        #expect(piped.workloads.map(\.kind) == walked.workloads.map(\.kind))
        #expect(piped.workloads.allSatisfy { $0.path == "-" })
        let pipedJSON = withoutPositions(KubernetesConfigJSON.render(piped.workloads))
        let walkedJSON = withoutPositions(KubernetesConfigJSON.render(walked.workloads))
        #expect(pipedJSON == walkedJSON)
        for (left, right) in zip(piped.workloads, walked.workloads) {
            #expect(left.containers.map(\.name) == right.containers.map(\.name))
            #expect(left.containers.map(\.location.start.column) == right.containers.map(\.location.start.column))
        }
    }

    @Test func webappWorkloadsAndKeySettings() throws {
        let loaded = Self.loadDirectory()
        let names = Set(loaded.workloads.map { "\($0.kind)/\($0.name)" })
        for expected in [
            "Deployment/backend", "StatefulSet/db", "Deployment/redis", "Deployment/nginx",
            "CronJob/db-backup", "DaemonSet/log-agent",
        ] {
            #expect(names.contains(expected), "missing \(expected) in \(names)")
        }
        if let db = loaded.workloads.first(where: { $0.name == "db" }), let postgres = db.containers.first {
            #expect(postgres.runAsUser?.value == 999)
            #expect(postgres.runAsUser?.node.document === db.node.document)
            #expect(postgres.kubernetes?.securityContext.runAsUser == nil)
        }
        if let agent = loaded.workloads.first(where: { $0.name == "log-agent" }) {
            #expect(agent.hostPID?.value == true)
            #expect(agent.containers.contains { $0.role == .`init` })
            #expect(agent.kubernetes?.serviceAccountAutomount == nil)
        }
        if let backup = loaded.workloads.first(where: { $0.name == "db-backup" }) {
            #expect(backup.kubernetes?.isLongRunning == false)
            #expect(backup.containers.first?.privileged?.value == true)
        }
    }
}
