/// Where a rule's concept is defined by others.
public enum RuleReference: Sendable, Hashable {
    /// A recommendation of the CIS Docker Benchmark v1.6, section 5 (`5.4`).
    case cisDocker(String)
    /// A Pod Security Standards control at a level (`baseline`, "Privileged Containers").
    case pss(PSSLevel, String)
    /// Any other document.
    case url(String)

    public var text: String {
        switch self {
        case .cisDocker(let id): return "CIS Docker Benchmark \(id)"
        case .pss(let level, let control): return "Pod Security Standards \(level.rawValue): \(control)"
        case .url(let url): return url
        }
    }

    /// A short tag for SARIF and JSON: `CIS-5.4`, `PSS-baseline`, or nil for plain URLs.
    public var tag: String? {
        switch self {
        case .cisDocker(let id): return "CIS-\(id)"
        case .pss(let level, _): return "PSS-\(level.rawValue)"
        case .url: return nil
        }
    }
}

/// The Pod Security Standards levels.
public enum PSSLevel: String, Sendable, Hashable, Codable {
    case baseline
    case restricted
}
