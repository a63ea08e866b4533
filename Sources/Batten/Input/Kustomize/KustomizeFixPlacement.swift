import BattenYAML
import Foundation

/// Moves the chosen fixes of a rendered kustomization's findings from the rendered objects to the
/// files a person edits, for `batten fix`.
///
/// A value is edited where it is written (the patch that sets it, else the object in its resource
/// file, ``KustomizeLocator``); a missing setting is added to the object in its resource file. A
/// file is edited only when it lies under a directory named on the command line that holds the
/// kustomization, and no other kustomization of the input uses it (a base shared by two overlays):
/// such a fix is left to `batten override --kustomize`, and so is a value set where no edit can
/// reach it (an inline patch, an `images:` entry, a generator). The edits of each kustomization are
/// checked with the kustomize tool before they are proposed: the kustomization, rendered again
/// with the edited files (a copy, ``KustomizeTreeCopy``), must give the rendered objects with
/// exactly the intended changes; a fix that would give anything else is left out, with the reason.
public enum KustomizeFixPlacement {
    /// A chosen fix that `batten fix` does not make, and why.
    public struct Unplaced: Sendable, Hashable {
        public var ruleID: String
        /// The workload (and container) it is about, as reports name it.
        public var target: String
        public var reason: String
        /// What the finding is about, to tell whether a later round fixed it after all.
        var identity: FindingIdentity

        /// `not edited: RULE TARGET: REASON`.
        public var message: String { "not edited: \(ruleID) \(target): \(reason)" }
    }

    /// Rewrites `result`'s chosen fixes that change a rendered kustomization so that they edit the
    /// user's files; the fixes that cannot be placed lose their changes and are returned.
    /// `request` is the request `result` was analysed with (its reader, with any files patched so far).
    public static func place(_ result: inout AnalysisResult, request: AnalysisRequest, selection: FixSelection) -> [Unplaced] {
        let rendered = result.loaded.kustomizations
        guard !rendered.isEmpty else { return [] }
        var owners: [String: Set<String>] = [:]
        for (directory, input) in rendered {
            let walk = KustomizeWalk(
                [KustomizeDirectory(directory: directory, kustomizationPath: input.kustomizationPath, origin: .explicit)],
                reader: request.reader, limits: request.limits)
            owners[directory] = Set(walk.ownedFiles.map(FileReader.absolute))
        }
        var unplaced: [Unplaced] = []
        for directory in rendered.keys.sorted() {
            guard let input = rendered[directory] else { continue }
            let chosen = result.findings.indices.filter { index in
                let finding = result.findings[index]
                return selection.admits(finding) && (finding.fix?.changes.contains { $0.target.path == directory } ?? false)
            }
            guard !chosen.isEmpty else { continue }
            let stream = YAMLParser.parse(input.source, limits: request.limits)
            let locator = KustomizeLocator(rendered: input, documents: stream.documents, reader: request.reader, limits: request.limits)
            let scope = Scope(directory: directory, request: request, owners: owners)
            var moved: [Int: (original: [Change], edits: [Change])] = [:]
            func refuse(_ index: Int, _ reason: String) {
                let finding = result.findings[index]
                unplaced.append(
                    Unplaced(
                        ruleID: finding.ruleID, target: finding.target.displayName, reason: reason, identity: FixSession.key(finding)))
                // The fix stays, without changes: not chosen again, and a re-audit still counts the
                // finding as reported with a fix.
                result.findings[index].fix?.changes = []
                moved[index] = nil
            }
            for index in chosen {
                let changes = result.findings[index].fix?.changes ?? []
                var edits: [Change] = []
                var failure: String?
                for change in changes {
                    switch edit(for: change, renderedPath: directory, locator: locator, scope: scope) {
                    case .success(let edit): edits.append(edit)
                    case .failure(let reason): failure = reason.description
                    }
                    if failure != nil { break }
                }
                if let failure {
                    refuse(index, failure)
                } else {
                    moved[index] = (changes, edits)
                }
            }
            for (index, reason) in check(moved, input: input, request: request).sorted(by: { $0.key < $1.key }) { refuse(index, reason) }
            for (index, change) in moved { result.findings[index].fix?.changes = change.edits }
        }
        return unplaced
    }

    /// The messages of `unplaced` fixes whose findings are not among `fixed` (a later round may
    /// have fixed one another way), each once.
    public static func messages(_ unplaced: [Unplaced], fixed: [Finding]) -> [String] {
        let done = Set(fixed.map(FixSession.key))
        var seen = Set<String>()
        return unplaced.filter { !done.contains($0.identity) }.map(\.message).filter { seen.insert($0).inserted }
    }

    /// Why a placement is refused.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// Which files the fixes of one kustomization may edit.
    struct Scope {
        /// The kustomization's directory, as named.
        var directory: String
        /// The directories named on the command line that hold it, absolute.
        var named: [String]
        /// The files each kustomization of the input uses, absolute, by its directory as named.
        var owners: [String: Set<String>]

        init(directory: String, request: AnalysisRequest, owners: [String: Set<String>]) {
            self.directory = directory
            let absolute = FileReader.absolute(directory)
            let named = request.paths.map(FileReader.absolute).filter { Self.isInside(absolute, $0) }
            self.named = named.isEmpty ? [absolute] : named
            self.owners = owners
        }

        /// Why `file` may not be edited, or nil when it may.
        func refusal(for file: String) -> String? {
            let absolute = FileReader.absolute(file)
            if !named.contains(where: { Self.isInside(absolute, $0) }) {
                return "it is written in \(file), outside \(directory): use `batten override --kustomize`"
            }
            let others = owners.filter { $0.key != directory && $0.value.contains(absolute) }.keys.sorted()
            if !others.isEmpty {
                return "it is written in \(KustomizePaths.directory(of: file)), shared with \(others.joined(separator: ", ")): "
                    + "use `batten override --kustomize`"
            }
            return nil
        }

        static func isInside(_ path: String, _ directory: String) -> Bool {
            path == directory || path.hasPrefix(directory == "/" ? "/" : directory + "/")
        }
    }

    /// `change`, which edits the rendered objects, as an edit of the file where the value is
    /// written (or, for a missing setting, of the object's resource file).
    static func edit(for change: Change, renderedPath: String, locator: KustomizeLocator, scope: Scope) -> Result<Change, Refusal> {
        var edit = change
        let file: String
        if let existing = change.existing, existing.path == renderedPath {
            guard let index = locator.documentIndex(at: existing.range.lowerBound),
                let path = KustomizeValuePath.of(existing.id, in: existing.document),
                let place = locator.place(path, object: index, isValue: existing.resolved.kind == .scalar)
            else {
                return .failure(Refusal(description: "kustomize names no file that sets it"))
            }
            switch place {
            case .node(let node):
                guard node.keyNode != nil, node.parent?.kind == .mapping else {
                    return .failure(Refusal(description: "it is set at \(SourceLocation(node).path):\(node.start.line), where no edit can reach it"))
                }
                edit.existing = node
                file = node.path
            case .location(let location):
                return .failure(
                    Refusal(
                        description:
                            "it is set at \(location.path):\(location.line) (an inline patch, an `images:` entry or a generator), which batten fix does not edit: use `batten override --kustomize`"
                    ))
            }
        } else {
            let target = change.target
            guard let index = locator.documentIndex(at: target.range.lowerBound),
                let path = KustomizeValuePath.of(target.id, in: target.document),
                let node = locator.originNode(at: path, object: index)
            else {
                return .failure(Refusal(description: "the object's resource file does not hold the mapping to add it to: use `batten override --kustomize`"))
            }
            edit.target = node
            file = node.path
        }
        if let refusal = scope.refusal(for: file) { return .failure(Refusal(description: refusal)) }
        return .success(edit)
    }

    /// The findings (by index) whose edits do not render as intended, with the reason: all edits
    /// together first, and when they fail, each finding's edits alone.
    static func check(_ moved: [Int: (original: [Change], edits: [Change])], input: KustomizeRenderedInput, request: AnalysisRequest)
        -> [Int: String]
    {
        let all = moved.keys.sorted()
        guard !all.isEmpty,
            rendersAsIntended(
                all.flatMap { moved[$0]?.original ?? [] }, all.flatMap { moved[$0]?.edits ?? [] },
                input: input, request: request) != nil
        else { return [:] }
        var refused: [Int: String] = [:]
        for index in all {
            guard let change = moved[index] else { continue }
            if let reason = rendersAsIntended(change.original, change.edits, input: input, request: request) { refused[index] = reason }
        }
        return refused
    }

    /// Why rendering the kustomization with `edits` made does not give the rendered objects with
    /// `intended` applied; nil when it does.
    static func rendersAsIntended(_ intended: [Change], _ edits: [Change], input: KustomizeRenderedInput, request: AnalysisRequest) -> String? {
        let expected: [UInt8]
        switch FileFixer(source: input.source, limits: request.limits).apply(intended.compactMap { FileFixer.place($0)?.placed }) {
        case .failure(let refusal): return "the rendered objects cannot take the fix: \(refusal.reason)"
        case .success(let patch): expected = patch.patched
        }
        var byFile: [String: (source: SourceFile, changes: [PlacedChange])] = [:]
        var order: [String] = []
        for edit in edits {
            guard let placement = FileFixer.place(edit) else { return "cannot locate the node to edit" }
            let node = edit.existing.flatMap { $0.path == placement.file ? $0 : nil } ?? edit.target
            if byFile[placement.file] == nil {
                byFile[placement.file] = (node.source, [])
                order.append(placement.file)
            }
            byFile[placement.file]?.changes.append(placement.placed)
        }
        var overlay = request.reader.overlay
        for file in order {
            guard let entry = byFile[file] else { continue }
            switch FileFixer(source: entry.source, limits: request.limits).apply(entry.changes) {
            case .failure(let refusal): return "\(file): \(refusal.reason)"
            case .success(let patch): overlay[FileReader.absolute(file)] = patch.patched
            }
        }
        let renderer = KustomizeRenderer(
            options: request.kustomize, limits: request.limits, environment: request.environment, reader: FileReader(overlay: overlay))
        switch renderer.render(directory: input.directory, kustomizationPath: input.kustomizationPath) {
        case .failure(let failure):
            return "the edited kustomization does not build: \(failure.diagnostic.message)"
        case .success(let edited):
            let actual = KustomizeRenderedObjects([YAMLParser.parse(edited.source, limits: request.limits)])
            let wanted = KustomizeRenderedObjects([YAMLParser.parse(SourceFile(path: input.directory, bytes: expected), limits: request.limits)])
            return actual.difference(from: wanted).map { "the edit would not give the intended objects (\($0)): use `batten override --kustomize`" }
        }
    }
}
