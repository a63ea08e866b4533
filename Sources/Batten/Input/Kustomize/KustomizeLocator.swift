import BattenYAML

/// Finds, for a place in a rendered kustomization, the file and line a person must edit: the patch
/// (strategic merge or JSON 6902, in a file or inline) that set the value, the `images:` entry that
/// changed an image, else the resource file where the object is written; a generated object points
/// at its generator. Files are parsed with BattenYAML once each.
///
/// One locator serves one rendered input on one thread.
final class KustomizeLocator {
    let rendered: KustomizeRenderedInput
    /// The rendered documents, as the loader parsed them.
    let documents: [YAMLDocument]
    let reader: FileReader
    let limits: YAMLLimits
    private var streams: [String: YAMLStream?] = [:]
    private var kustomizations: [String: KustomizationFile?] = [:]
    private var objects: [Int: (document: YAMLDocument, root: NodeID)?] = [:]

    init(rendered: KustomizeRenderedInput, documents: [YAMLDocument], reader: FileReader, limits: YAMLLimits) {
        self.rendered = rendered
        self.documents = documents
        self.reader = reader
        self.limits = limits
    }

    /// The user files read so far, by path, for reports that quote lines.
    var sources: [(path: String, file: SourceFile)] {
        streams.compactMap { path, stream in stream.map { (path, $0.source) } }.sorted { $0.path < $1.path }
    }

    // MARK: Objects

    /// The rendered document that holds byte `offset` of the rendered text.
    func documentIndex(at offset: Int) -> Int? {
        documents.firstIndex { document in
            document.range.contains(offset) || (document.root.map { document.range($0).contains(offset) } ?? false)
        }
    }

    /// The kind and rendered name of document `index`.
    func identity(of index: Int) -> (kind: String, name: String)? {
        let document = documents[index]
        guard let root = document.root, document.kind(root) == .mapping,
            let kind = document.value(forKey: "kind", in: root).flatMap(document.scalar)
        else { return nil }
        let name =
            document.value(forKey: "metadata", in: root)
            .flatMap { document.value(forKey: "name", in: $0) }.flatMap(document.scalar) ?? ""
        return (kind, name)
    }

    /// The object of document `index` in its resource file: the document of the same kind whose
    /// name the rendered name holds (the longest such name, for a prefix or suffix added by an overlay).
    func originObject(of index: Int) -> (document: YAMLDocument, root: NodeID)? {
        if let cached = objects[index] { return cached }
        var found: (document: YAMLDocument, root: NodeID)?
        if index < rendered.origins.count, let file = rendered.origins[index].file, let stream = stream(file),
            let identity = identity(of: index)
        {
            var best = -1
            for document in stream.documents {
                guard let root = document.root, document.kind(root) == .mapping,
                    document.value(forKey: "kind", in: root).flatMap(document.scalar) == identity.kind
                else { continue }
                let name =
                    document.value(forKey: "metadata", in: root)
                    .flatMap { document.value(forKey: "name", in: $0) }.flatMap(document.scalar) ?? ""
                if identity.name.contains(name), name.count > best {
                    best = name.count
                    found = (document, root)
                }
            }
        }
        objects[index] = found
        return found
    }

    /// The name of document `index`'s object as written in its resource file.
    func originName(of index: Int) -> String? {
        guard let object = originObject(of: index) else { return nil }
        return object.document.value(forKey: "metadata", in: object.root)
            .flatMap { object.document.value(forKey: "name", in: $0) }.flatMap(object.document.scalar)
    }

    // MARK: Locating

    /// Where a rendered value is written: a node of a file (a resource file, a patch file), which
    /// an edit can change, or only a location (an inline patch, an `images:` entry, a generator).
    enum Place {
        case node(NodeRef)
        case location(SourceLocation)

        var location: SourceLocation {
            switch self {
            case .node(let node): return SourceLocation(node)
            case .location(let location): return location
            }
        }
    }

    /// The place in the user's files of byte `offset` of the rendered text; nil when kustomize
    /// named no local file for it.
    func locate(offset: Int) -> SourceLocation? {
        place(range: offset..<offset)?.location
    }

    /// Where the node spanning `range` of the rendered text is written (see ``place(range:)``).
    func locate(range: Range<Int>) -> SourceLocation? {
        place(range: range)?.location
    }

    /// Where the node spanning `range` of the rendered text (a byte when empty) is written: the
    /// node that sets it (a patch's, else the resource file's), or the deepest node of the
    /// resource file that holds its place.
    func place(range: Range<Int>) -> Place? {
        guard let index = documentIndex(at: range.lowerBound), index < rendered.origins.count,
            let (path, node) = KustomizeValuePath.at(range: range, in: documents[index])
        else { return nil }
        return place(path, object: index, isValue: documents[index].kind(documents[index].resolve(node)) == .scalar)
    }

    /// Where the value at `path` of document `index` is written; `isValue` when it is a scalar.
    func place(_ path: KustomizeValuePath, object index: Int, isValue: Bool) -> Place? {
        guard index < rendered.origins.count else { return nil }
        let origin = rendered.origins[index]
        if origin.file == nil, let kustomization = origin.generatedIn {
            return kustomizationFile(kustomization)?.generatorEntry(for: identity(of: index)?.name ?? "").map { .location(SourceLocation($0)) }
        }
        let object = originObject(of: index)
        let inOrigin = object.map { path.find(in: $0.document, from: $0.root) }
        if !isValue, let object, let inOrigin, inOrigin.matched == path.components.count {
            return .node(object.document.ref(inOrigin.node))
        }
        if let patched = patchLocation(of: path, object: index, origin: origin) { return patched }
        if isValue, let image = imageLocation(of: path, object: index, origin: origin) { return .location(image) }
        guard let object, let inOrigin else { return nil }
        return .node(object.document.ref(inOrigin.node))
    }

    /// The node of document `index`'s object in its resource file at `path`, when the file has it.
    func originNode(at path: KustomizeValuePath, object index: Int) -> NodeRef? {
        guard let object = originObject(of: index) else { return nil }
        let found = path.find(in: object.document, from: object.root)
        return found.matched == path.components.count ? object.document.ref(found.node) : nil
    }

    /// The `images:` entry that changed the image at `path`, when an image transformer ran.
    private func imageLocation(of path: KustomizeValuePath, object index: Int, origin: KustomizeObjectOrigin) -> SourceLocation? {
        guard case .key("image")? = path.components.last, let object = originObject(of: index) else { return nil }
        let written = path.find(in: object.document, from: object.root)
        guard written.matched == path.components.count, let reference = object.document.scalar(written.node) else { return nil }
        for transformation in origin.transformations.reversed() where transformation.kind == "ImageTagTransformer" {
            if let entry = kustomizationFile(transformation.kustomization)?.imageEntry(for: reference) {
                return SourceLocation(entry)
            }
        }
        return nil
    }

    /// The last patch that sets `path` of the object, if any.
    private func patchLocation(of path: KustomizeValuePath, object index: Int, origin: KustomizeObjectOrigin) -> Place? {
        guard let identity = identity(of: index) else { return nil }
        let names = Set([identity.name, originName(of: index)].compactMap { $0 })
        var visited = Set<String>()
        for transformation in origin.transformations.reversed() where transformation.kind.hasPrefix("Patch") {
            guard visited.insert(transformation.kustomization).inserted,
                let kustomization = kustomizationFile(transformation.kustomization)
            else { continue }
            for patch in kustomization.patches.reversed() {
                if let kind = patch.targetKind, kind != identity.kind { continue }
                if let name = patch.targetName, !names.contains(name) { continue }
                if let place = place(of: path, in: patch, kind: identity.kind, names: names) { return place }
            }
        }
        return nil
    }

    /// Where `patch` sets `path`, for an object of `kind` named one of `names`.
    private func place(of path: KustomizeValuePath, in patch: KustomizationFile.Patch, kind: String, names: Set<String>) -> Place? {
        if let file = patch.file {
            guard let stream = stream(file) else { return nil }
            for document in stream.documents.reversed() {
                if let node = node(setting: path, in: document, kind: kind, names: names, targeted: patch.targetKind != nil) {
                    return .node(document.ref(node))
                }
            }
            return nil
        }
        guard let inline = patch.inline, let text = inline.scalar else { return nil }
        let stream = YAMLParser.parse(SourceFile(path: inline.path, text: text), limits: limits)
        for document in stream.documents.reversed() {
            guard let node = node(setting: path, in: document, kind: kind, names: names, targeted: patch.targetKind != nil) else { continue }
            return .location(Self.translate(document.ref(node), inside: inline))
        }
        return nil
    }

    /// The node of a patch document that sets `path`: in a strategic merge patch for the object, the
    /// node at the path; in a JSON 6902 patch, the `value` of the last `add` or `replace` whose
    /// path is the value's or a parent's (looked into for the rest of the path).
    private func node(setting path: KustomizeValuePath, in document: YAMLDocument, kind: String, names: Set<String>, targeted: Bool) -> NodeID? {
        guard let root = document.root else { return nil }
        if document.kind(root) == .sequence {
            for operation in document.children(root).reversed() where document.kind(operation) == .mapping {
                guard let op = document.value(forKey: "op", in: operation).flatMap(document.scalar), op == "add" || op == "replace",
                    let pointer = document.value(forKey: "path", in: operation).flatMap(document.scalar),
                    let value = document.value(forKey: "value", in: operation)
                else { continue }
                let tokens = KustomizeValuePath.pointerTokens(pointer)
                guard path.starts(withPointer: tokens) else { continue }
                let found = path.dropping(tokens.count).find(in: document, from: value)
                if found.matched == path.components.count - tokens.count {
                    return tokens.count == path.components.count ? value : found.node
                }
            }
            return nil
        }
        guard document.kind(root) == .mapping else { return nil }
        if !targeted {
            guard document.value(forKey: "kind", in: root).flatMap(document.scalar) == kind else { return nil }
            let name = document.value(forKey: "metadata", in: root)
                .flatMap { document.value(forKey: "name", in: $0) }.flatMap(document.scalar)
            guard let name, names.contains(name) else { return nil }
        }
        let found = path.find(in: document, from: root)
        return found.matched == path.components.count ? found.node : nil
    }

    /// The location in the kustomization file of `node`, a node of the patch written inline as the
    /// block scalar `inline`: its content starts on the line after the indicator, indented.
    static func translate(_ node: NodeRef, inside inline: NodeRef) -> SourceLocation {
        let file = inline.source
        let style = inline.document.style(inline.id)
        guard style.isBlockScalar else { return SourceLocation(inline) }
        let firstLine = inline.start.line + 1
        guard firstLine <= file.lineStarts.count else { return SourceLocation(inline) }
        var indent = 0
        let lineStart = file.lineStarts[firstLine - 1]
        while lineStart + indent < file.bytes.count, file.bytes[lineStart + indent] == UInt8(ascii: " ") { indent += 1 }
        func position(_ inner: SourcePosition) -> SourcePosition {
            let line = firstLine + inner.line - 1
            guard line <= file.lineStarts.count else { return inline.start }
            let offset = min(file.lineStarts[line - 1] + indent + inner.column - 1, file.bytes.count)
            return file.position(forByteOffset: offset)
        }
        let range = node.entryRange
        return SourceLocation(path: file.path, start: position(range.start), end: position(range.end))
    }

    // MARK: Files

    private func stream(_ path: String) -> YAMLStream? {
        if let cached = streams[path] { return cached }
        var stream: YAMLStream?
        if let bytes = reader.contents(atPath: path, maxBytes: limits.maxFileSize, allowingSpecialFiles: false) {
            stream = YAMLParser.parse(SourceFile(path: path, bytes: bytes), limits: limits)
        }
        streams[path] = stream
        return stream
    }

    private func kustomizationFile(_ path: String) -> KustomizationFile? {
        if let cached = kustomizations[path] { return cached }
        let file = stream(path).map { KustomizationFile(source: $0.source, limits: limits) }
        kustomizations[path] = file
        return file
    }
}
