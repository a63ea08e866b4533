import BattenYAML
import Foundation
import Testing

@testable import Batten

/// A hand-written fixer case: `input.yaml`, `changes.yaml` and either `expected.yaml` (the exact
/// bytes after the fix) or `refused.txt` (a phrase the refusal must contain); `removed-comments.txt`
/// lists comments that go with the lines a change removes.
///
/// `changes.yaml` is a list of changes:
///
/// ```yaml
/// - target: services.web        # dotted path from the document root; numbers index lists
///   document: 1                 # optional, default 0
///   path: [security_opt]
///   append: no-new-privileges:true   # or set:, remove-item:, replace-item: [OLD, NEW], remove: true, rename: NEW
///   existing: services.web.security_opt   # optional: the node that holds the value now
/// ```
struct FixFixture: CustomTestStringConvertible, Sendable {
    var name: String
    var directory: URL

    var testDescription: String { name }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fixes")

    static var all: [FixFixture] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().map { FixFixture(name: $0, directory: root.appendingPathComponent($0)) }
    }

    func bytes(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: directory.appendingPathComponent(name).path).map { [UInt8]($0) }
    }

    /// The input as a source file named like the fixture.
    var source: SourceFile? { bytes("input.yaml").map { SourceFile(path: "\(name)/input.yaml", bytes: $0) } }

    struct SpecError: Error, CustomStringConvertible {
        var description: String
    }

    /// The changes, resolved against the parsed input.
    func changes(for source: SourceFile) throws -> [Change] {
        guard let specBytes = bytes("changes.yaml") else { throw SpecError(description: "no changes.yaml") }
        let spec = YAMLParser.parse(SourceFile(path: "changes.yaml", bytes: specBytes))
        let input = YAMLParser.parse(source)
        guard let specDocument = spec.documents.first, let list = specDocument.root else { throw SpecError(description: "empty changes.yaml") }
        return try specDocument.children(list).map { item in
            func text(_ key: String) -> String? { specDocument.value(forKey: key, in: item).flatMap { specDocument.scalar($0) } }
            let documentIndex = text("document").flatMap(Int.init) ?? 0
            guard documentIndex < input.documents.count else { throw SpecError(description: "no document \(documentIndex)") }
            let document = input.documents[documentIndex]
            guard let targetPath = text("target"), let target = locate(targetPath, in: document) else {
                throw SpecError(description: "target not found")
            }
            let path =
                specDocument.value(forKey: "path", in: item).map { node in
                    specDocument.children(node).compactMap { specDocument.scalar($0) }
                } ?? []
            let operation: Change.Operation
            if let value = specDocument.value(forKey: "set", in: item) {
                operation = .set(specDocument.value(value))
            } else if let value = specDocument.value(forKey: "append", in: item) {
                operation = .append(specDocument.value(value))
            } else if let value = specDocument.value(forKey: "remove-item", in: item) {
                operation = .removeItem(specDocument.value(value))
            } else if let value = specDocument.value(forKey: "replace-item", in: item),
                let pair = specDocument.value(value).items, pair.count == 2
            {
                operation = .replaceItem(pair[0], with: pair[1])
            } else if let name = text("rename") {
                operation = .renameKey(name)
            } else if specDocument.value(forKey: "remove", in: item) != nil {
                operation = .remove
            } else {
                throw SpecError(description: "a change needs set, append, remove-item, remove or rename")
            }
            let existing = text("existing").flatMap { locate($0, in: document) }
            return Change(
                scope: .service, path: path, operation: operation, target: document.ref(target),
                existing: existing.map(document.ref))
        }
    }

    func locate(_ dotted: String, in document: YAMLDocument) -> NodeID? {
        guard var node = document.root else { return nil }
        for part in dotted.split(separator: ".") where !part.isEmpty {
            let resolved = document.resolve(node)
            if let index = Int(part), document.kind(resolved) == .sequence {
                let items = document.children(resolved)
                guard index < items.count else { return nil }
                node = items[items.startIndex + index]
            } else {
                guard let next = document.value(forKey: String(part), in: resolved) else { return nil }
                node = next
            }
        }
        return node
    }

    /// Applies the fixture's changes to `source`.
    func apply(to source: SourceFile) throws -> Result<FilePatch, FixRefusal> {
        let placed = try changes(for: source).map { change -> PlacedChange in
            guard let placement = FileFixer.place(change) else { throw SpecError(description: "cannot place a change") }
            return placement.placed
        }
        return FileFixer(source: source).apply(placed)
    }
}
