/// Where kustomize says a rendered object came from, with paths as the user named the kustomization.
struct KustomizeObjectOrigin: Sendable, Hashable {
    /// The resource file the object is written in; nil for a generated object.
    var file: String?
    /// The kustomization whose generator made the object (`configMapGenerator`, `secretGenerator`).
    var generatedIn: String?
    /// The transformers that changed the object, in the order they ran: the kustomization that
    /// configured each, and its kind (`PatchTransformer`, `ImageTagTransformer`, `PrefixTransformer` …).
    var transformations: [(kustomization: String, kind: String)] = []

    static func == (lhs: KustomizeObjectOrigin, rhs: KustomizeObjectOrigin) -> Bool {
        lhs.file == rhs.file && lhs.generatedIn == rhs.generatedIn
            && lhs.transformations.map(\.kustomization) == rhs.transformations.map(\.kustomization)
            && lhs.transformations.map(\.kind) == rhs.transformations.map(\.kind)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(generatedIn)
    }

    /// Every file the object's origin names.
    var files: [String] {
        [file, generatedIn].compactMap { $0 } + transformations.map(\.kustomization)
    }
}
