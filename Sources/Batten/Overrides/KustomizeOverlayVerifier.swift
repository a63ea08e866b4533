import BattenYAML

/// Checks a kustomize overlay before it is written, without kustomize: every patch is applied to its
/// object the way a strategic merge patch applies (``StrategicMergePatch``) and must give exactly the
/// object plus the intended fixes; then the patched input is audited again (patched bytes handed to
/// the loader, nothing written): every finding the overlay claims to fix must be gone, and no new
/// finding may appear.
struct KustomizeOverlayVerifier {
    let policy: ResolvedPolicy
    let today: String

    /// The audit of the input with the overlay applied, or why the overlay is refused.
    func verify(_ plan: KustomizeOverlayBuilder.Plan, original: AnalysisResult, request: AnalysisRequest)
        -> Result<AnalysisResult, OverrideRefusal>
    {
        let overlay: [String: [UInt8]]
        switch patchedSources(plan, original: original, request: request) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let value): overlay = value
        }
        var patched = request
        patched.reader = FileReader(overlay: overlay.filter { $0.key != request.stdinName || !request.paths.contains("-") })
        let standardInput = overlay[request.stdinName] ?? original.loaded.sources[request.stdinName]?.bytes ?? []
        let after = Analyzer(policy: policy, today: today).run(patched) { standardInput }
        if let error = after.diagnostics.first(where: { $0.level == .error }) {
            return .failure(OverrideRefusal("the patched input does not load: \(error.description); this is a Batten bug"))
        }
        let before = Set(original.activeFindings.map(FixSession.key))
        if let new = after.activeFindings.first(where: { !before.contains(FixSession.key($0)) }) {
            return .failure(OverrideRefusal("the overlay brings a new finding: \(new.ruleID) \(new.message)"))
        }
        if let kept = FixedFindings.stillReported(plan.fixed, after: after.activeFindings) {
            return .failure(OverrideRefusal("\(kept.ruleID) is still reported with the overlay: \(kept.message)"))
        }
        return .success(after)
    }

    /// The text of each input file with every patch applied the way a strategic merge patch
    /// applies (``StrategicMergePatch``), by path; refused when a patch would give more or less than
    /// the object plus the intended fixes.
    func patchedSources(_ plan: KustomizeOverlayBuilder.Plan, original: AnalysisResult, request: AnalysisRequest)
        -> Result<[String: [UInt8]], OverrideRefusal>
    {
        var patchedObjects: [String: [(document: Int, components: [NodePath.Component], value: YAMLValue)]] = [:]
        for patch in plan.patches {
            guard let document = patch.document else { continue }
            let object = patch.workload.objectNode
            let before = object.document.value(object.id, applyMerges: true)
            let applied = StrategicMergePatch.apply(document, to: before)
            var expected = before
            for part in patch.parts.sorted(by: { $0.components.count < $1.components.count }) {
                guard let updated = expected.replacing(at: part.components, { _ in part.after }) else {
                    return .failure(OverrideRefusal("cannot place the fixed values of \(patch.workload.displayName); this is a Batten bug"))
                }
                expected = updated
            }
            if !applied.means(expected) {
                let difference = YAMLValueDifference.firstDifference(expected, applied) ?? "the object"
                return .failure(
                    OverrideRefusal(
                        "the patch of \(patch.workload.displayName) would change more than intended (\(difference)); this is a Batten bug"))
            }
            guard let components = NodePath(object)?.components else {
                return .failure(OverrideRefusal("cannot locate \(patch.workload.displayName) in \(patch.workload.path)"))
            }
            patchedObjects[patch.workload.path, default: []].append((object.document.index, components, applied))
        }

        var overlay: [String: [UInt8]] = [:]
        for (path, objects) in patchedObjects {
            guard let source = original.loaded.sources[path] else {
                return .failure(OverrideRefusal("\(path): the file's text is not available"))
            }
            let stream = YAMLParser.parse(source, limits: request.limits)
            var documents = stream.documents.map { document in document.root.map { document.value($0, applyMerges: true) } }
            for object in objects where object.document < documents.count {
                guard let root = documents[object.document],
                    let updated = root.replacing(at: object.components, { _ in object.value })
                else {
                    return .failure(OverrideRefusal("cannot apply the patches to \(path); this is a Batten bug"))
                }
                documents[object.document] = updated
            }
            do {
                let text = try YAMLEmitter.emit(
                    documents: documents.compactMap { $0 }, options: YAMLEmitter.Options(explicitDocumentStart: true))
                overlay[path] = Array(text.utf8)
            } catch {
                return .failure(OverrideRefusal("cannot write the patched \(path): \(error)"))
            }
        }

        return .success(overlay)
    }
}
