/// The image names a profile applies to: `postgres`, `bitnami/postgresql`, `quay.io/keycloak/keycloak`,
/// `*/postgres`, `grafana/grafana*`.
///
/// A pattern is normalized like an image name (``ImageName``), so `docker.io/library/postgres` is
/// `postgres`. A segment that is only `*` stands for one or more whole segments (a namespace, a
/// registry and its path: `*/postgres` matches `bitnami/postgres` and `mirror.example.com/library/postgres`,
/// not `postgres`); a `*` inside a segment stands for any characters in that segment.
public struct ImagePattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    let name: ImageName

    /// Nil when `text` is empty or has a character that no image name has.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty,
            trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-/:*".contains($0)) }),
            !trimmed.hasPrefix("/"), !trimmed.hasSuffix("/"), !trimmed.contains("//")
        else { return nil }
        self.text = trimmed
        self.name = ImageName(trimmed)
    }

    public var description: String { text }

    /// True when the pattern has no wildcard.
    public var isLiteral: Bool { !text.contains("*") }

    /// The last segment when it has no wildcard: profiles are looked up by it.
    var literalLast: String? {
        let last = name.last
        return last.contains("*") ? nil : last
    }

    /// True when the normalized repository name `image` fits the pattern.
    public func matches(_ image: ImageName) -> Bool {
        Self.match(name.segments[...], image.segments[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ name: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        if first == "*" {
            guard !name.isEmpty else { return false }
            var rest = name.dropFirst()
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = name.first, Wildcard.matches(first[...], segment[...]) else { return false }
        return match(pattern.dropFirst(), name.dropFirst())
    }
}
