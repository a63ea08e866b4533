import BattenYAML

/// One Kubernetes object of the input: a document's root mapping or an item of a `List`.
struct KubernetesObject {
    let document: YAMLDocument
    /// The object's mapping (aliases resolved).
    let root: NodeID
    let apiVersion: String
    let kind: String
    /// `metadata.name`, else `metadata.generateName`.
    let name: String?
    let namespace: String?
    /// The `metadata` mapping.
    let metadata: NodeID?
    /// The Helm template the document was rendered from.
    let sourceTemplate: String?
    /// The `apiVersion` and `kind` values as written (nil when inherited from a typed list).
    var apiVersionNode: NodeID? = nil
    var kindNode: NodeID? = nil

    /// `group/version Kind name`, for messages.
    var displayName: String {
        var text = "\(apiVersion) \(kind)"
        if let name { text += " " + (namespace.map { "\($0)/" } ?? "") + name }
        return text
    }
}

/// Turns the documents of a stream into objects: empty documents are skipped, `List` and `*List`
/// objects are unwrapped (nested lists too), and a document that is not an object is a warning.
enum KubernetesObjectReader {
    private static let maxListDepth = 16

    /// The objects of `documents` in input order, with the diagnostics of reading them. `previousEnd`
    /// is where the document before the first one ends, when `documents` do not start the file.
    static func objects(
        in documents: [YAMLDocument], previousEnd: Int = 0
    ) -> (objects: [KubernetesObject], diagnostics: [Diagnostic]) {
        var objects: [KubernetesObject] = []
        var diagnostics: [Diagnostic] = []
        var previousEnd = previousEnd
        for document in documents {
            defer { previousEnd = max(previousEnd, document.range.upperBound) }
            guard let root = document.root, !document.isEmpty else { continue }
            var reader = ManifestReader(document: document)
            let rootStart = document.range(root).lowerBound
            let template = HelmSourceComment.template(in: document.source, range: min(previousEnd, rootStart)..<rootStart)
            let target = document.resolve(root)
            if document.kind(target) != .mapping {
                if !document.isNull(target) {
                    reader.report(.warning, at: root, "document is not a Kubernetes object (found \(reader.describe(target))); skipped")
                }
            } else {
                collect(target, reader: &reader, template: template, inherited: nil, depth: 0, into: &objects)
            }
            diagnostics += reader.diagnostics
        }
        return (objects, diagnostics)
    }

    /// Adds the object at `mapping`, or the items of a list, to `objects`.
    private static func collect(
        _ mapping: NodeID, reader: inout ManifestReader, template: String?,
        inherited: (apiVersion: String?, kind: String?)?, depth: Int, into objects: inout [KubernetesObject]
    ) {
        let apiVersion = reader.string("apiVersion", in: mapping, field: "apiVersion")?.value ?? inherited?.apiVersion
        let kind = reader.string("kind", in: mapping, field: "kind")?.value ?? inherited?.kind
        guard let apiVersion, let kind, !apiVersion.isEmpty, !kind.isEmpty else {
            let missing = [apiVersion == nil || apiVersion == "" ? "apiVersion" : nil, kind == nil || kind == "" ? "kind" : nil]
                .compactMap { $0 }.joined(separator: " and ")
            reader.report(.warning, at: mapping, "object has no \(missing); skipped")
            return
        }
        let hasItems = reader.value("items", in: mapping) != nil
        if KubernetesKinds.isList(kind), hasItems || KubernetesKinds.isBuiltInGroup(KubernetesKinds.group(of: apiVersion)) {
            guard hasItems else { return }
            guard depth < maxListDepth else {
                reader.report(.error, at: mapping, "lists are nested more than \(maxListDepth) deep; skipped")
                return
            }
            guard let items = reader.sequence("items", in: mapping, field: "items") else { return }
            let itemDefaults = (apiVersion: Optional(apiVersion), kind: KubernetesKinds.itemKind(ofList: kind))
            for (index, item) in items.items.enumerated() {
                guard let object = reader.mapping(item, field: "items[\(index)]") else { continue }
                collect(object, reader: &reader, template: template, inherited: itemDefaults, depth: depth + 1, into: &objects)
            }
            return
        }
        let metadata = reader.mapping("metadata", in: mapping, field: "metadata")
        var name: String?
        var namespace: String?
        if let metadata {
            name =
                reader.string("name", in: metadata, field: "metadata.name")?.value
                ?? reader.string("generateName", in: metadata, field: "metadata.generateName")?.value
            namespace = reader.string("namespace", in: metadata, field: "metadata.namespace")?.value
        }
        objects.append(
            KubernetesObject(
                document: reader.document, root: mapping, apiVersion: apiVersion, kind: kind, name: name,
                namespace: namespace, metadata: metadata, sourceTemplate: template,
                apiVersionNode: reader.value("apiVersion", in: mapping), kindNode: reader.value("kind", in: mapping)))
    }
}
