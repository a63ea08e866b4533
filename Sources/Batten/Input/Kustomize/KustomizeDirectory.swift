/// A directory holding a kustomization file: a kustomize input.
public struct KustomizeDirectory: Sendable, Hashable {
    /// The directory as it was named or walked.
    public var directory: String
    /// Its `kustomization.yaml`, `kustomization.yml` or `Kustomization`.
    public var kustomizationPath: String
    /// Named on the command line, or found on a walk.
    public var origin: InputFile.Origin

    public init(directory: String, kustomizationPath: String, origin: InputFile.Origin) {
        self.directory = directory
        self.kustomizationPath = kustomizationPath
        self.origin = origin
    }
}
