import BattenYAML
import Foundation

/// `batten override --kustomize OUT DIR` where DIR is a kustomization: the overlay builds on DIR
/// where it is (`resources: [relative path from OUT to DIR]`, nothing copied: kustomize loads a
/// kustomization directory outside the overlay) and its patches address the objects by their
/// rendered names (`prod-web`).
///
/// The overlay is checked with the kustomize tool the input is rendered with, before it is
/// written: Batten applies the patches to the rendered objects itself
/// (``KustomizeOverlayVerifier/patchedSources(_:original:request:)``); the overlay is written into a
/// temporary directory beside OUT (so that its relative paths hold), built, and the build must give
/// exactly those objects; then the build is audited again: the findings the overlay fixes must be
/// gone and no new one may appear.
struct KustomizeRenderedOverlay {
    /// The overlay directory, as given.
    var directory: String
    /// The kustomization directories the overlay builds on, as named.
    var kustomizations: [String]
    let policy: ResolvedPolicy
    let today: String

    /// A workload id without its file: kind, namespace and name, which one kustomize build holds
    /// once each. The re-audit of the overlay names the overlay's directory where the input's
    /// audit named the kustomization.
    static let workloadKey: @Sendable (String) -> String = { id in
        let parts = id.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 4 else { return id }
        return parts.suffix(3).joined(separator: ":")
    }

    /// Why the overlay cannot go into ``directory``: it must not hold a kustomization it builds on.
    func placementRefusal() -> OverrideRefusal? {
        let root = FileReader.absolute(directory)
        for kustomization in kustomizations where OverridePaths.isInside(FileReader.absolute(kustomization), root) {
            return OverrideRefusal(
                "the overlay directory \(directory) holds the kustomization \(kustomization) it would build on; choose a directory outside it")
        }
        return nil
    }

    /// The overlay's `resources`: each kustomization's directory relative to the overlay's.
    func resources() -> [(reference: String, copy: [UInt8]?)] {
        let root = FileReader.absolute(directory)
        return kustomizations.map { (OverridePaths.relative(from: root, to: FileReader.absolute($0)), nil) }
    }

    /// The audit of the overlay's build, with locations in the overlay's files as they will be
    /// written, or why the overlay is refused.
    func verify(
        _ plan: KustomizeOverlayBuilder.Plan, files: [KustomizeOverlay.File], original: AnalysisResult, request: AnalysisRequest,
        verifier: KustomizeOverlayVerifier
    ) -> Result<AnalysisResult, OverrideRefusal> {
        let expected: [String: [UInt8]]
        switch verifier.patchedSources(plan, original: original, request: request) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let value): expected = value
        }

        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).batten-check-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            return .failure(OverrideRefusal("cannot create a temporary directory in \(parent.path) to build the overlay: \(error.localizedDescription)"))
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        for file in files {
            guard let relative = KustomizeOverlayWriter.relative(file.path, to: target.path) else {
                return .failure(OverrideRefusal("\(file.path) is outside the overlay directory \(directory)"))
            }
            let url = staging.appendingPathComponent(relative)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url)
            } catch {
                return .failure(OverrideRefusal("cannot write the overlay into \(staging.path) to build it: \(error.localizedDescription)"))
            }
        }

        var built = request
        built.paths = [staging.path]
        built.reader = .disk
        var after = Analyzer(policy: policy, today: today).run(built) { [] }
        let shown = { (text: String) in text.replacingOccurrences(of: staging.path, with: directory) }
        if let error = after.diagnostics.first(where: { $0.level == .error }) {
            return .failure(OverrideRefusal("the overlay does not build: \(shown(error.description))"))
        }
        guard let rendered = after.loaded.kustomizations[staging.path] else {
            return .failure(OverrideRefusal("the overlay was not rendered; this is a Batten bug"))
        }
        let intended = KustomizeRenderedObjects(
            kustomizations.map { path in
                YAMLParser.parse(SourceFile(path: path, bytes: expected[path] ?? original.loaded.sources[path]?.bytes ?? []), limits: request.limits)
            })
        if let difference = KustomizeRenderedObjects([YAMLParser.parse(rendered.source, limits: request.limits)]).difference(from: intended) {
            return .failure(OverrideRefusal("the overlay, built by kustomize, does not give the intended objects: \(difference)"))
        }

        let before = Set(original.activeFindings.map { FixSession.key(Self.keyed($0)) })
        let found = after.activeFindings.map(Self.keyed)
        if let new = found.first(where: { !before.contains(FixSession.key($0)) }) {
            return .failure(OverrideRefusal("the overlay brings a new finding: \(new.ruleID) \(new.message)"))
        }
        if let kept = FixedFindings.stillReported(plan.fixed.map(Self.keyed), after: found) {
            return .failure(OverrideRefusal("\(kept.ruleID) is still reported with the overlay: \(kept.message)"))
        }
        for index in after.findings.indices where after.findings[index].location.path.hasPrefix(staging.path + "/") {
            after.findings[index].location.path = shown(after.findings[index].location.path)
        }
        return .success(after)
    }

    /// `finding` with its workload id reduced to ``workloadKey``.
    private static func keyed(_ finding: Finding) -> Finding {
        var keyed = finding
        keyed.workloadID = workloadKey(finding.workloadID)
        return keyed
    }
}
