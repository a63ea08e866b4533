/// A repository name as profiles match it: lower case, with Docker Hub's registry and `library/`
/// namespace removed (`docker.io/library/postgres` and `postgres` are both `postgres`), other
/// registries kept (`quay.io/keycloak/keycloak`).
public struct ImageName: Sendable, Hashable, CustomStringConvertible {
    /// The normalized name, segments joined by `/`.
    public let text: String
    let segments: [String]

    /// Registry host names that mean Docker Hub.
    static let dockerHubRegistries: Set<String> = ["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]

    /// Normalizes a repository name (the part of an image reference before the tag and digest).
    public init(_ repository: String) {
        var segments = repository.trimmingWhitespace.lowercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.count > 1, let first = segments.first, Self.dockerHubRegistries.contains(first) {
            segments.removeFirst()
        }
        if segments.count > 1, segments.first == "library" {
            segments.removeFirst()
        }
        self.segments = segments
        self.text = segments.joined(separator: "/")
    }

    public var description: String { text }

    /// The last path segment (`postgres` of `bitnami/postgres`).
    var last: String { segments.last ?? "" }
}
