import BattenYAML

/// Decides whether a parsed file is a Compose file, Kubernetes manifests, or neither.
public enum FormatDetection {
    public enum Kind: Sendable, Hashable {
        case compose
        case kubernetes
        /// Neither: a CI workflow, a config file. Skipped quietly when walked, reported when named.
        case other
    }

    /// True for the file names Compose itself looks for and their variants:
    /// `compose.yaml`, `docker-compose.yml`, `compose.override.yaml`, `docker-compose.prod.yml` …
    public static func isComposeFileName(_ path: String) -> Bool {
        let name = path.lastPathSegment
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { return false }
        return name.hasPrefix("compose.") || name.hasPrefix("docker-compose.") || name == "compose.yaml"
            || name == "compose.yml"
    }

    /// The kind of a parsed stream. A file with any document holding `apiVersion` and `kind` is
    /// Kubernetes; a first document that is a mapping with `services` (or a Compose file name) is Compose.
    public static func detect(path: String, documents: [YAMLDocument]) -> Kind {
        for document in documents {
            guard let root = document.root, document.kind(root) == .mapping else { continue }
            if document.value(forKey: "apiVersion", in: root) != nil && document.value(forKey: "kind", in: root) != nil {
                return .kubernetes
            }
        }
        if let first = documents.first, let root = first.root, first.kind(root) == .mapping {
            if first.value(forKey: "services", in: root) != nil { return .compose }
            if isComposeFileName(path)
                && (first.value(forKey: "include", in: root) != nil
                    || first.value(forKey: "name", in: root) != nil || first.value(forKey: "volumes", in: root) != nil
                    || first.value(forKey: "networks", in: root) != nil)
            {
                return .compose
            }
        }
        if documents.allSatisfy({ $0.root == nil || $0.isEmpty }), isComposeFileName(path) { return .compose }
        return .other
    }
}

extension YAMLDocument {
    /// True for a document without content: no root, or an empty plain scalar.
    public var isEmpty: Bool {
        guard let root else { return true }
        return kind(root) == .scalar && scalar(root) == "" && style(root) == .plain && tag(root) == nil
    }
}
