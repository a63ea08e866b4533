/// Why a kustomization gave no objects: an error diagnostic on its kustomization file.
struct KustomizeRenderFailure: Error, Sendable {
    var diagnostic: Diagnostic
}
