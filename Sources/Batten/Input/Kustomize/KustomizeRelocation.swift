import BattenYAML

/// Moves what the audit of a rendered kustomization found from the rendered text to the user's
/// files: each finding's and diagnostic's location to the file and line that set the value
/// (``KustomizeLocator``), and — where an overlay renamed the object — the message to the name
/// written in the resource file; the target keeps the rendered name, which the cluster sees.
enum KustomizeRelocation {
    static func apply(_ locator: KustomizeLocator, findings: inout [Finding], diagnostics: inout [Diagnostic]) {
        let renderedPath = locator.rendered.source.path
        for index in findings.indices where findings[index].location.path == renderedPath {
            let offset = findings[index].location.start.offset
            if let location = locator.locate(range: findings[index].location.byteRange) { findings[index].location = location }
            guard let document = locator.documentIndex(at: offset), let originName = locator.originName(of: document) else { continue }
            let target = findings[index].target
            guard originName != target.name else { continue }
            let rendered = target.namespace.map { "\(target.kind) \($0)/\(target.name)" } ?? "\(target.kind) \(target.name)"
            let written = target.namespace.map { "\(target.kind) \($0)/\(originName)" } ?? "\(target.kind) \(originName)"
            findings[index].message = findings[index].message.replacingOccurrences(of: rendered, with: written)
        }
        for index in diagnostics.indices where diagnostics[index].path == renderedPath {
            guard let position = diagnostics[index].position, let location = locator.locate(offset: position.offset) else { continue }
            diagnostics[index].path = location.path
            diagnostics[index].position = location.start
        }
    }
}
