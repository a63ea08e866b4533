import BattenYAML

/// A change resolved to the file and mapping it edits.
struct PlacedChange: Sendable {
    /// What the change does; the nodes it was found at are not kept (they hold the parsed document).
    var operation: Change.Operation
    /// The mapping the path starts from, by its place in the document.
    var mapping: NodePath
    var path: [String]
}

/// The new text of one file, or why it was refused.
public struct FilePatch: Sendable {
    public var path: String
    public var original: [UInt8]
    public var patched: [UInt8]
    /// How many times the fixer parsed and spliced the text to make this patch (one verification
    /// follows them all); it grows with the longest chain of changes below one entry, not with the
    /// number of changes.
    var passes: Int = 1

    public var isUnchanged: Bool { original == patched }
}

/// Why a file was left as it was.
public struct FixRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): not fixed: \(reason)" }
}

/// Applies changes to one file as text edits, one change at a time, then verifies the result: it
/// parses, and every document means exactly the old document plus the intended changes.
struct FileFixer {
    let source: SourceFile
    let limits: YAMLLimits

    init(source: SourceFile, limits: YAMLLimits = .default) {
        self.source = source
        self.limits = limits
    }

    /// Where a change edits: in place at the node that holds the value when that node belongs to
    /// the target alone, else at the target mapping (a use-site override).
    static func place(_ change: Change) -> (file: String, placed: PlacedChange)? {
        if let existing = change.existing, isEditableInPlace(existing, target: change.target),
            let parent = existing.parent, parent.document.kind(parent.id) == .mapping,
            let key = existing.keyNode?.scalar, let mapping = NodePath(parent)
        {
            var path = [key]
            if case .renameKey = change.operation { path = [key] }
            return (existing.path, PlacedChange(operation: change.operation, mapping: mapping, path: path))
        }
        guard let mapping = NodePath(change.target) else { return nil }
        return (change.target.path, PlacedChange(operation: change.operation, mapping: mapping, path: change.path))
    }

    /// True when `node` sits physically below `target` (or in another file), with no anchored node on
    /// the way that some alias shares.
    static func isEditableInPlace(_ node: NodeRef, target: NodeRef) -> Bool {
        let document = node.document
        var current: NodeID? = node.id
        let sameDocument = document === target.document
        while let id = current {
            if sameDocument && id == target.id { return true }
            if document.anchor(id) != nil && document.aliasCount(to: id) > 0 { return false }
            current = document.parent(id)
        }
        return !sameDocument
    }

    /// Applies `changes` in their order and verifies the result once. The changes are rendered in
    /// passes (``EditPass``): each pass parses the text once and splices the edits of every change it
    /// takes in one sweep, so the work grows with the size of the file times the number of passes,
    /// which is the longest chain of changes below one entry, not the number of changes. When the
    /// result of the passes does not verify, the changes are applied again one pass each, so that
    /// the refusal, if any, is the one of a single change.
    func apply(_ changes: [PlacedChange]) -> Result<FilePatch, FixRefusal> {
        let original = YAMLParser.parse(source, limits: limits)
        if let error = original.error { return .failure(refusal("the file does not parse: \(error.fullMessage)")) }
        let together = apply(changes, original: original, oneAtATime: false)
        if case .success = together { return together }
        guard changes.count > 1, changes.count <= Self.oneAtATimeLimit else { return together }
        return apply(changes, original: original, oneAtATime: true)
    }

    /// The most changes a file may have for a failed run in passes to be tried again one change per
    /// pass (a pass parses the whole file).
    static let oneAtATimeLimit = 400

    private func apply(_ changes: [PlacedChange], original: YAMLStream, oneAtATime: Bool) -> Result<FilePatch, FixRefusal> {
        var bytes = source.bytes
        var pending = Array(changes.indices)
        let footprints = EditPass.footprints(of: changes)
        var current = original
        var passes = 0
        while !pending.isEmpty {
            if passes > 0 {
                current = YAMLParser.parse(SourceFile(path: source.path, bytes: bytes), limits: limits)
                guard current.error == nil else { return .failure(refusal("an earlier edit broke the file")) }
            }
            passes += 1
            var pass = EditPass()
            var renderers: [Int: ChangeRenderer] = [:]
            var locators: [Int: NodeLocator] = [:]
            var rendered: [EditPass.Rendered] = []
            var waiting: [Int] = []
            for index in pending {
                let placed = changes[index]
                guard pass.admit(footprints[index]), !(oneAtATime && !rendered.isEmpty) else {
                    waiting.append(index)
                    continue
                }
                let documentIndex = placed.mapping.documentIndex
                guard documentIndex < current.documents.count else { return .failure(refusal("an earlier edit broke the file")) }
                let document = current.documents[documentIndex]
                let locator = locators[documentIndex] ?? NodeLocator(document: document)
                locators[documentIndex] = locator
                guard let mapping = locator.locate(placed.mapping) else {
                    return .failure(refusal("cannot find \(placed.mapping) any more"))
                }
                let renderer = renderers[documentIndex] ?? ChangeRenderer(document: document)
                renderers[documentIndex] = renderer
                do {
                    let edits = try renderer.edits(placed.operation, at: placed.path, in: mapping)
                    let insertsNewKey: Bool
                    switch placed.operation {
                    case .set, .append:
                        insertsNewKey =
                            placed.path.count == 1 && document.kind(mapping) == .mapping
                            && !locator.hasKey(placed.path[0], in: mapping) && edits.allSatisfy(\.range.isEmpty)
                    case .remove, .removeItem, .replaceItem, .renameKey:
                        insertsNewKey = false
                    }
                    rendered.append(
                        EditPass.Rendered(
                            index: index, edits: edits, insertsNewKey: insertsNewKey,
                            mapping: EditPass.Place(document: documentIndex, components: placed.mapping.components)))
                } catch let refusal as ChangeRenderer.Refusal {
                    return .failure(self.refusal(refusal.description))
                } catch {
                    return .failure(refusal("\(error)"))
                }
            }
            let collided = EditPass.collisions(rendered)
            let edits = rendered.filter { !collided.contains($0.index) }.flatMap(\.edits)
            if !edits.isEmpty {
                guard let next = TextEdit.apply(edits, to: bytes) else { return .failure(refusal("edits overlap")) }
                bytes = next
            }
            pending = (waiting + collided).sorted()
        }
        // The last pass's parse goes before the verification parses the result.
        current = original
        if let problem = verify(original: original, patched: bytes, changes: changes) {
            return .failure(refusal(problem))
        }
        return .success(FilePatch(path: source.path, original: source.bytes, patched: bytes, passes: passes))
    }

    /// Nil when `patched` parses and means the original plus exactly `changes`; else the problem.
    func verify(original: YAMLStream, patched: [UInt8], changes: [PlacedChange]) -> String? {
        let reparsed = YAMLParser.parse(SourceFile(path: source.path, bytes: patched), limits: limits)
        if let error = reparsed.error { return "the edited text does not parse (\(error.fullMessage)); this is a Batten bug" }
        guard reparsed.documents.count == original.documents.count else {
            return "the edit changed the number of documents; this is a Batten bug"
        }
        var changesByDocument: [Int: [PlacedChange]] = [:]
        for placed in changes { changesByDocument[placed.mapping.documentIndex, default: []].append(placed) }
        for (index, document) in original.documents.enumerated() {
            guard var expected = document.root.map({ document.value($0, applyMerges: true) }) else { continue }
            for placed in changesByDocument[index] ?? [] {
                let applied = expected.update(at: placed.mapping.components[...]) { mapping in
                    mapping.applying(placed.operation, at: placed.path)
                }
                guard applied else { return "cannot apply the change to \(placed.mapping)" }
            }
            let after = reparsed.documents[index]
            let actual = after.root.map { after.value($0, applyMerges: true) }
            if !(actual.map { $0.means(expected) } ?? false) {
                let difference = actual.flatMap { YAMLValueDifference.firstDifference(expected, $0) } ?? "the document"
                return "the edit would change more than intended (\(difference)); this is a Batten bug or an anchor shared with another place"
            }
        }
        return nil
    }

    private func refusal(_ reason: String) -> FixRefusal { FixRefusal(path: source.path, reason: reason) }
}

/// Names the first place where two values differ, for refusal messages.
enum YAMLValueDifference {
    static func firstDifference(_ lhs: YAMLValue, _ rhs: YAMLValue, path: String = "") -> String? {
        if lhs.means(rhs) { return nil }
        switch (lhs.content, rhs.content) {
        case (.mapping(let left), .mapping(let right)):
            for entry in left {
                let name = entry.key.scalarText ?? "?"
                let childPath = path.isEmpty ? name : path + "." + name
                guard let other = right.first(where: { $0.key.means(entry.key) }) else { return childPath + " (removed)" }
                if let difference = firstDifference(entry.value, other.value, path: childPath) { return difference }
            }
            for entry in right where !left.contains(where: { $0.key.means(entry.key) }) {
                let name = entry.key.scalarText ?? "?"
                return (path.isEmpty ? name : path + "." + name) + " (added)"
            }
            return path.isEmpty ? "key order" : path
        case (.sequence(let left), .sequence(let right)):
            for (index, pair) in zip(left, right).enumerated() {
                if let difference = firstDifference(pair.0, pair.1, path: path + "[\(index)]") { return difference }
            }
            return path + " (length)"
        default:
            return path.isEmpty ? "the root" : path
        }
    }
}
