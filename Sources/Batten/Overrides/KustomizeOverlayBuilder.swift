import BattenYAML

/// Turns the chosen findings' changes into one strategic-merge patch per Kubernetes workload: the
/// pod spec, each container and the pod metadata, as written, with every fix applied, compared with
/// how they were (``StrategicMergePatch``); the differences are nested under the object's
/// `apiVersion`, `kind`, `metadata.name` and `metadata.namespace`, containers merged by name.
///
/// A finding is fixed by the overlay only when every change of its fix can be expressed; otherwise
/// none of its changes is used and it is reported as skipped.
struct KustomizeOverlayBuilder {
    let selection: FixSelection
    /// What tells the workloads of two analyses apart: the workload id itself for loose manifests,
    /// the kind, namespace and name for a kustomization rendered again on top of an overlay (whose
    /// re-audit names the overlay's directory in its ids).
    var workloadKey: @Sendable (String) -> String = { $0 }

    /// A mapping of the workload with its value before and after the fixes.
    struct Part {
        enum Kind: Equatable {
            case pod
            case container(String, list: String)
            case metadata
        }

        var kind: Kind
        /// Where the mapping is in the object.
        var components: [NodePath.Component]
        var before: YAMLValue
        var after: YAMLValue
    }

    /// The patch of one workload.
    struct Patch {
        var workload: Workload
        var parts: [Part]
        var fixed: [Finding]
        /// The strategic merge patch document; nil when nothing changes.
        var document: YAMLValue?
    }

    struct Plan {
        var patches: [Patch]
        var fixed: [Finding]
        var skipped: [SkippedFix]
    }

    func plan(_ result: AnalysisResult) -> Plan {
        var plan = Plan(patches: [], fixed: [], skipped: [])
        for workload in result.workloads where workload.format == .kubernetes && KustomizePatchTarget(workload: workload).mergesStrategically {
            plan.patches.append(Patch(workload: workload, parts: [], fixed: [], document: nil))
        }
        extend(&plan, with: result)
        return plan
    }

    /// Adds the fixes of `result`'s findings that the plan has not tried yet, applied on top of the
    /// parts' current state: a later round passes the audit of the patched input, where a fix may
    /// have become possible (once a container is no longer privileged, say). Returns true when a
    /// finding was added.
    @discardableResult
    func extend(_ plan: inout Plan, with result: AnalysisResult) -> Bool {
        let key = { (finding: Finding) -> FindingIdentity in
            var identity = FixSession.key(finding)
            identity.workloadID = workloadKey(identity.workloadID)
            return identity
        }
        let tried = Set((plan.fixed + plan.skipped.map(\.finding)).map(key))
        var added = false
        for workload in result.workloads where workload.format == .kubernetes {
            let workloadID = workloadKey(workload.id)
            guard let index = plan.patches.firstIndex(where: { workloadKey($0.workload.id) == workloadID }) else { continue }
            let original = plan.patches[index].workload
            for finding in result.findings where finding.workloadID == workload.id && selection.admits(finding) {
                guard !tried.contains(key(finding)) else { continue }
                var candidate = plan.patches[index].parts
                var failure: String?
                for change in finding.fix?.changes ?? [] {
                    if let problem = apply(change, to: &candidate, in: workload, original: original) {
                        failure = problem
                        break
                    }
                }
                if let failure {
                    plan.skipped.append(SkippedFix(finding: finding, reason: failure))
                } else {
                    plan.patches[index].parts = candidate
                    plan.patches[index].fixed.append(finding)
                    plan.fixed.append(finding)
                    added = true
                }
            }
            plan.patches[index].document = document(for: original, parts: plan.patches[index].parts)
        }
        plan.fixed.sort(by: Finding.reportOrder)
        return added
    }

    /// Applies one change to the parts it touches (adding the part first); the reason when it cannot.
    /// `workload` is the workload the change was found in; `original` the one of the input, whose
    /// values a new part starts from.
    private func apply(_ change: Change, to parts: inout [Part], in workload: Workload, original: Workload) -> String? {
        let target = KustomizePatchTarget(workload: workload)
        let kind: Part.Kind
        let scopeNode: NodeRef
        switch change.scope {
        case .service, .project:
            return "the fix is for a Compose service"
        case .pod:
            kind = .pod
            scopeNode = workload.node
        case .container(let name):
            guard let container = workload.containers.first(where: { $0.name == name }),
                let list = target.listKey(of: container)
            else { return "cannot find container \(name) in the pod spec" }
            kind = .container(name, list: list)
            scopeNode = container.node
        case .podMetadata:
            kind = .metadata
            scopeNode = change.target
        }
        guard let prefix = KustomizePatchTarget.keys(of: change.target, below: scopeNode) else {
            return applyInListItem(change, to: &parts, kind: kind, scopeNode: scopeNode, workload: workload, original: original)
        }
        let path = prefix + change.path
        if let list = path.last, let mergeKey = StrategicMergePatch.mergedLists[list] {
            switch change.operation {
            case .append(let item) where item[mergeKey]?.scalarText != nil:
                // A new item with its merge key (a volume by `name`, a mount by `mountPath`) merges in.
                break
            case .append, .removeItem, .replaceItem:
                return "a strategic merge patch merges `\(list)` items by key and cannot express this list edit"
            case .set, .remove, .renameKey:
                break
            }
        }
        guard let index = partIndex(kind, scopeNode: scopeNode, in: &parts, workload: workload, original: original) else {
            return "cannot locate the edited mapping in the object"
        }
        return apply(change.operation, at: path, in: &parts[index])
    }

    /// Applies a change whose mapping is an item of a list the patch merges by key (a `ports` item,
    /// merged by `containerPort`): the patch then carries the item's merge key and its difference.
    private func applyInListItem(
        _ change: Change, to parts: inout [Part], kind: Part.Kind, scopeNode: NodeRef, workload: Workload, original: Workload
    ) -> String? {
        guard let components = KustomizePatchTarget.components(of: change.target, below: scopeNode),
            components.enumerated().allSatisfy({ offset, component in
                guard case .index = component else { return true }
                guard offset > 0, case .key(let list) = components[offset - 1], let mergeKey = StrategicMergePatch.mergedLists[list]
                else { return false }
                return change.path.first != mergeKey
            })
        else { return "the fix edits a place outside the workload" }
        guard let index = partIndex(kind, scopeNode: scopeNode, in: &parts, workload: workload, original: original) else {
            return "cannot locate the edited mapping in the object"
        }
        guard
            let updated = Self.applying(
                change.operation.flatteningMergeKeys(), at: change.path, below: components[...], in: parts[index].after)
        else {
            return "`\(change.path.joined(separator: "."))` does not have the shape the fix expects"
        }
        parts[index].after = updated
        return nil
    }

    /// `value` with `operation` applied at `path` below the node at `components`, which may pass list items.
    private static func applying(
        _ operation: Change.Operation, at path: [String], below components: ArraySlice<NodePath.Component>, in value: YAMLValue
    ) -> YAMLValue? {
        guard let first = components.first else { return value.applying(operation, at: path) }
        switch (first, value.content) {
        case (.key(let name), .mapping(var entries)):
            guard let position = entries.firstIndex(where: { $0.key.scalarText == name }),
                let updated = applying(operation, at: path, below: components.dropFirst(), in: entries[position].value)
            else { return nil }
            entries[position].value = updated
            return YAMLValue(.mapping(entries), tag: value.tag, flow: value.flow)
        case (.index(let position), .sequence(var items)):
            guard items.indices.contains(position),
                let updated = applying(operation, at: path, below: components.dropFirst(), in: items[position])
            else { return nil }
            items[position] = updated
            return YAMLValue(.sequence(items), tag: value.tag, flow: value.flow)
        default:
            return nil
        }
    }

    /// The index of the part of `kind`, added (from `original`'s values) when missing.
    private func partIndex(
        _ kind: Part.Kind, scopeNode: NodeRef, in parts: inout [Part], workload: Workload, original: Workload
    ) -> Int? {
        if let existing = parts.firstIndex(where: { $0.kind == kind }) { return existing }
        guard let components = KustomizePatchTarget.components(of: scopeNode, below: workload.objectNode),
            let node = KustomizePatchTarget.node(at: components, below: original.objectNode)
        else { return nil }
        let value = node.document.value(node.id, applyMerges: true)
        parts.append(Part(kind: kind, components: components, before: value, after: value))
        return parts.count - 1
    }

    /// Applies `operation` at `path` (keys from the part's mapping) to the part; the reason when it cannot.
    private func apply(_ operation: Change.Operation, at path: [String], in part: inout Part) -> String? {
        var operation = operation.flatteningMergeKeys()
        if case .renameKey(let name) = operation,
            part.after.value(at: (path.dropLast() + [name]).map { .key($0) }) != nil
        {
            // Another fix already set the key the misspelt one means: the misspelt key just goes.
            operation = .remove
        }
        guard let updated = part.after.applying(operation, at: path) else {
            return "`\(path.joined(separator: "."))` does not have the shape the fix expects"
        }
        part.after = updated
        return nil
    }

    /// The strategic merge patch of a workload; nil when no part changes.
    private func document(for workload: Workload, parts: [Part]) -> YAMLValue? {
        var body = YAMLValue.mapping([])
        var containerLists: [(path: [String], list: String, item: YAMLValue)] = []
        let target = KustomizePatchTarget(workload: workload)
        for part in parts {
            guard let difference = StrategicMergePatch.difference(part.before, part.after) else { continue }
            switch part.kind {
            case .pod:
                guard let path = target.podSpec else { continue }
                body = merged(body, difference, at: path)
            case .metadata:
                guard let path = keys(part.components) else { continue }
                body = merged(body, difference, at: path)
            case .container(let name, let list):
                guard let path = target.podSpec else { continue }
                let item = YAMLValue(.mapping([YAMLValue.Entry(.string("name"), .string(name))] + (difference.entries ?? [])))
                containerLists.append((path, list, item))
            }
        }
        for (path, list, item) in containerLists {
            let existing = body.value(at: (path + [list]).map { .key($0) })?.items ?? []
            body = merged(body, .sequence(existing + [item]), at: path + [list], replacing: true)
        }
        guard let entries = body.entries, !entries.isEmpty else { return nil }
        var metadata: [(String, YAMLValue)] = [("name", .string(workload.name))]
        if let namespace = workload.namespace { metadata.append(("namespace", .string(namespace))) }
        let header = YAMLValue.mapping([
            ("apiVersion", .string(workload.kubernetes?.apiVersion ?? "v1")), ("kind", .string(workload.kind)),
            ("metadata", .mapping(metadata)),
        ])
        return merged(header, body, at: [])
    }

    /// `value` merged into `root` at `path` (mappings merge; with `replacing`, the value replaces).
    private func merged(_ root: YAMLValue, _ value: YAMLValue, at path: [String], replacing: Bool = false) -> YAMLValue {
        guard let key = path.first else {
            if replacing { return value }
            guard var entries = root.entries, let added = value.entries else { return value }
            for entry in added {
                if let index = entries.firstIndex(where: { $0.key.means(entry.key) }) {
                    entries[index].value = merged(entries[index].value, entry.value, at: [])
                } else {
                    entries.append(entry)
                }
            }
            return YAMLValue(.mapping(entries))
        }
        var entries = root.entries ?? []
        if let index = entries.firstIndex(where: { $0.key.scalarText == key }) {
            entries[index].value = merged(entries[index].value, value, at: Array(path.dropFirst()), replacing: replacing)
        } else {
            entries.append(YAMLValue.Entry(.string(key), merged(.mapping([]), value, at: Array(path.dropFirst()), replacing: replacing)))
        }
        return YAMLValue(.mapping(entries))
    }

    private func keys(_ components: [NodePath.Component]) -> [String]? {
        var keys: [String] = []
        for component in components {
            guard case .key(let key) = component else { return nil }
            keys.append(key)
        }
        return keys
    }
}
