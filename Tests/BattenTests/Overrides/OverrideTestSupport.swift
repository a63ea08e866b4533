import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Shared pieces of the override and overlay tests: the production policy, the cases, temporary
/// directories, the real `kubectl`.
enum OverrideTestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtureRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/overrides")
    static let today = "2026-01-01"
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static func productionPolicy() throws -> ResolvedPolicy {
        try #require(PolicyResolver().resolve(selection: "production").policy)
    }

    /// The fixed environment generation and docker compose run with.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": "/home/fixture"]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Every object of a YAML stream (`List` items unwrapped) by `group/kind/namespace/name`, as values.
    static func objects(_ bytes: [UInt8], path: String = "-") -> [String: YAMLValue] {
        var result: [String: YAMLValue] = [:]
        func add(_ value: YAMLValue) {
            guard let kind = value["kind"]?.scalarText else { return }
            if kind.hasSuffix("List"), let items = value["items"]?.items {
                for item in items { add(item) }
                return
            }
            result[key(value)] = value
        }
        for document in YAMLParser.parse(SourceFile(path: path, bytes: bytes)).documents {
            guard let root = document.root else { continue }
            add(document.value(root, applyMerges: true))
        }
        return result
    }

    /// `value` with the items of every list a strategic merge patch merges by key (volumes by `name`,
    /// volume mounts by `mountPath` …) sorted by that key: their order means nothing, and kustomize
    /// puts a patch's items in front of the object's own.
    static func orderingMergedLists(_ value: YAMLValue, under key: String? = nil) -> YAMLValue {
        switch value.content {
        case .mapping(let entries):
            return YAMLValue(
                .mapping(entries.map { YAMLValue.Entry($0.key, orderingMergedLists($0.value, under: $0.key.scalarText)) }),
                tag: value.tag, flow: value.flow)
        case .sequence(let items):
            var ordered = items.map { orderingMergedLists($0) }
            if let key, let mergeKey = StrategicMergePatch.mergedLists[key] {
                ordered = ordered.enumerated().sorted { lhs, rhs in
                    let left = lhs.element[mergeKey]?.scalarText ?? ""
                    let right = rhs.element[mergeKey]?.scalarText ?? ""
                    return left == right ? lhs.offset < rhs.offset : left < right
                }.map(\.element)
            }
            return YAMLValue(.sequence(ordered), tag: value.tag, flow: value.flow)
        case .scalar:
            return value
        }
    }

    static func key(_ object: YAMLValue) -> String {
        let group = KubernetesKinds.group(of: object["apiVersion"]?.scalarText ?? "")
        let metadata = object["metadata"]
        return "\(group)/\(object["kind"]?.scalarText ?? "")/\(metadata?["namespace"]?.scalarText ?? "")/\(metadata?["name"]?.scalarText ?? "")"
    }

    /// What a finding is about, independent of the file it was read from.
    static func identity(_ finding: Finding) -> String {
        let target = finding.target
        return [finding.ruleID, target.kind, target.namespace ?? "", target.name, target.container ?? "", finding.setting]
            .joined(separator: "\u{1}")
    }
}

/// The real `kubectl` (`$BATTEN_KUBECTL`, else `kubectl` on `PATH`).
struct Kubectl: Sendable {
    var executable: String

    static func locate() -> Kubectl? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["BATTEN_KUBECTL"], FileManager.default.isExecutableFile(atPath: path) {
            return Kubectl(executable: path)
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/kubectl"
            if FileManager.default.isExecutableFile(atPath: path) { return Kubectl(executable: path) }
        }
        return nil
    }

    /// `kubectl kustomize DIRECTORY`.
    func kustomize(_ directory: String) throws -> String {
        try ComposeOracle.run(executable, ["kustomize", directory])
    }
}
