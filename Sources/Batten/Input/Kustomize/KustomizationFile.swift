import BattenYAML
import Foundation

/// A `kustomization.yaml` (or `.yml`, or `Kustomization`) read for what it refers to: the other
/// kustomizations it builds on, the files it uses, and its patches.
struct KustomizationFile: Sendable {
    /// The names kustomize looks for in a directory, in its order.
    static let names = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// The kustomization file of `directory`, if it has one.
    static func path(in directory: String) -> String? {
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { return path }
        }
        return nil
    }

    /// One patch: a file of the kustomization's directory or text written inline.
    struct Patch: Sendable {
        /// The patch file (as the kustomization's path is named), nil for an inline patch.
        var file: String?
        /// The inline patch's scalar node in the kustomization file.
        var inline: NodeRef?
        /// The `target` selector's kind and name, when given.
        var targetKind: String?
        var targetName: String?
    }

    /// The file's path, as the directory was named.
    var path: String
    var document: YAMLDocument?
    /// Directories and files named by `resources`, `bases` and `components`, joined to the directory.
    var resources: [String] = []
    /// Files named by generators (`files`, `envs`, `env`) and by patches.
    var usedFiles: [String] = []
    var patches: [Patch] = []

    var directory: String { KustomizePaths.directory(of: path) }

    /// Reads and parses the kustomization file at `path`; nil when it cannot be read.
    init?(path: String, reader: FileReader = .disk, limits: YAMLLimits = .default) {
        guard let bytes = reader.contents(atPath: path, maxBytes: limits.maxFileSize, allowingSpecialFiles: false) else { return nil }
        self.init(source: SourceFile(path: path, bytes: bytes), limits: limits)
    }

    init(source: SourceFile, limits: YAMLLimits = .default) {
        path = source.path
        let stream = YAMLParser.parse(source, limits: limits)
        guard let document = stream.documents.first, let root = document.root, document.kind(root) == .mapping else { return }
        self.document = document
        let directory = self.directory
        for key in ["resources", "bases", "components"] {
            resources += strings(key, in: root, document: document).map { KustomizePaths.join(directory, $0) }
        }
        for key in ["configMapGenerator", "secretGenerator"] {
            for item in items(key, in: root, document: document) {
                let named =
                    ["files", "envs"].flatMap { strings($0, in: item, document: document) }
                    + [document.value(forKey: "env", in: item).flatMap(document.scalar)].compactMap { $0 }
                // `files` entries may be `key=path`.
                usedFiles += named.map { entry in
                    let file = entry.split(separator: "=", maxSplits: 1).last.map(String.init) ?? entry
                    return KustomizePaths.join(directory, file)
                }
            }
        }
        for item in items("patches", in: root, document: document) + items("patchesJson6902", in: root, document: document) {
            var patch = Patch()
            if let file = document.value(forKey: "path", in: item).flatMap(document.scalar) {
                patch.file = KustomizePaths.join(directory, file)
            } else if let inline = document.value(forKey: "patch", in: item) {
                patch.inline = document.ref(inline)
            } else {
                continue
            }
            if let target = document.value(forKey: "target", in: item), document.kind(document.resolve(target)) == .mapping {
                patch.targetKind = document.value(forKey: "kind", in: target).flatMap(document.scalar)
                patch.targetName = document.value(forKey: "name", in: target).flatMap(document.scalar)
            }
            patches.append(patch)
        }
        if let list = document.value(forKey: "patchesStrategicMerge", in: root), document.kind(document.resolve(list)) == .sequence {
            for item in document.children(document.resolve(list)) {
                guard let text = document.scalar(item) else { continue }
                // An entry is a file name, or a patch written inline (it then holds a line break).
                if text.contains("\n") {
                    patches.append(Patch(file: nil, inline: document.ref(item)))
                } else {
                    patches.append(Patch(file: KustomizePaths.join(directory, text)))
                }
            }
        }
        usedFiles += patches.compactMap(\.file)
    }

    private func strings(_ key: String, in mapping: NodeID, document: YAMLDocument) -> [String] {
        guard let list = document.value(forKey: key, in: mapping), document.kind(document.resolve(list)) == .sequence else { return [] }
        return document.children(document.resolve(list)).compactMap { document.scalar(document.resolve($0)) }
    }

    private func items(_ key: String, in mapping: NodeID, document: YAMLDocument) -> [NodeID] {
        guard let list = document.value(forKey: key, in: mapping), document.kind(document.resolve(list)) == .sequence else { return [] }
        return document.children(document.resolve(list)).map(document.resolve).filter { document.kind($0) == .mapping }
    }

    /// The `images:` entry whose `name` the image `reference` (as written before the transformer) uses.
    func imageEntry(for reference: String) -> NodeRef? {
        guard let document, let root = document.root else { return nil }
        for item in items("images", in: root, document: document) {
            guard let name = document.value(forKey: "name", in: item).flatMap(document.scalar) else { continue }
            if reference == name || reference.hasPrefix(name + ":") || reference.hasPrefix(name + "@") {
                return document.ref(item)
            }
        }
        return nil
    }

    /// The generator entry (`configMapGenerator`, `secretGenerator`) whose `name` the rendered
    /// `name` starts with, else the file's root.
    func generatorEntry(for renderedName: String) -> NodeRef? {
        guard let document, let root = document.root else { return nil }
        for key in ["configMapGenerator", "secretGenerator"] {
            for item in items(key, in: root, document: document) {
                guard let name = document.value(forKey: "name", in: item).flatMap(document.scalar) else { continue }
                if renderedName.contains(name) { return document.ref(item) }
            }
        }
        return document.ref(root)
    }
}
