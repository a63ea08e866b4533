/// Which tags of a matching image a profile applies to: a version range and variant words.
///
/// The version of a tag is its leading number (`16` of `16.4-alpine3.20`, `3.1` of `v3.1`). A tag
/// that names no version (`latest`, `alpine`, `bookworm`, none at all, a digest only) is the newest
/// release: it is inside a range without an upper bound and outside any other. Variants are the
/// `-`-separated words of the tag after the version (`alpine3.20`, `slim`, `ubuntu`); a listed word
/// matches the words that start with it.
public struct TagConstraint: Sendable, Hashable {
    public var versions: VersionRange?
    /// The tag must have one of these variant words.
    public var variants: [String]
    /// The tag must have none of these variant words.
    public var excludedVariants: [String]

    /// A constraint; the default admits every tag.
    public init(versions: VersionRange? = nil, variants: [String] = [], excludedVariants: [String] = []) {
        self.versions = versions
        self.variants = variants
        self.excludedVariants = excludedVariants
    }

    /// True when nothing is constrained.
    public var isEmpty: Bool { versions == nil && variants.isEmpty && excludedVariants.isEmpty }

    /// Nil when `tag` fits; otherwise why it does not.
    public func mismatch(_ tag: String?) -> String? {
        let shown = tag ?? "(none: latest)"
        let words = Self.variantWords(tag)
        if let versions, !versions.contains(Self.version(of: tag)) {
            return "tag \(shown) is outside the versions \(versions)"
        }
        if !variants.isEmpty, !variants.contains(where: { Self.has($0, in: words) }) {
            return "tag \(shown) is not one of the variants \(variants.joined(separator: ", "))"
        }
        if let excluded = excludedVariants.first(where: { Self.has($0, in: words) }) {
            return "tag \(shown) is the \(excluded) variant, which this profile leaves out"
        }
        return nil
    }

    /// The version a tag names, or nil for the newest release.
    static func version(of tag: String?) -> [Int]? {
        guard var text = tag?.lowercased() else { return nil }
        if text.hasPrefix("v"), text.dropFirst().first?.isNumber == true { text.removeFirst() }
        let prefix = text.prefix { $0.isNumber || $0 == "." }
        let parts = prefix.split(separator: ".", omittingEmptySubsequences: true)
        guard let first = prefix.first, first.isNumber, !parts.isEmpty else { return nil }
        let numbers = parts.compactMap { Int($0) }
        return numbers.count == parts.count ? numbers : nil
    }

    /// The variant words of a tag: its `-`-separated parts, without the version.
    static func variantWords(_ tag: String?) -> [String] {
        guard let tag else { return [] }
        var words = tag.lowercased().split(separator: "-").map(String.init)
        if version(of: words.first) != nil { words.removeFirst() }
        return words
    }

    private static func has(_ variant: String, in words: [String]) -> Bool {
        let wanted = variant.lowercased()
        return words.contains { $0.hasPrefix(wanted) }
    }
}

/// A version range: space-separated comparisons (`>=12 <18`, `>=2.4`, `=8`), all of which must hold,
/// or several such lists joined by `||`, of which one must hold (`>=10.6 <10.6.6 || =10.8.0`).
///
/// A tag version with fewer parts than a bound stands for its newest release (`16` is any 16.x, so
/// it is `>=16.4` and not `<16.4`); a bound with fewer parts is padded the way its operator means
/// (`<18` is below 18.0, `<=16` includes every 16.x).
public struct VersionRange: Sendable, Hashable, CustomStringConvertible {
    /// A comparison operator, as written before a version.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
        case greater = ">"
        case less = "<"
        case equal = "="
    }

    /// One comparison: `>=` and the version `12`.
    public struct Bound: Sendable, Hashable {
        public var op: Operator
        public var version: [Int]
    }

    /// The lists of comparisons joined by `||`; a version is in the range when it meets every
    /// comparison of one list.
    public let alternatives: [[Bound]]
    /// Every comparison of every alternative.
    public var bounds: [Bound] { alternatives.flatMap { $0 } }
    /// The range as written, normalized to single spaces.
    public let text: String

    /// Nil when `text` is not a list of comparisons (or lists joined by `||`).
    public init?(_ text: String) {
        var alternatives: [[Bound]] = []
        var written: [String] = []
        for part in text.components(separatedBy: "||") {
            let tokens = part.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
            guard !tokens.isEmpty else { return nil }
            var bounds: [Bound] = []
            for token in tokens {
                var rest = Substring(token)
                var op = Operator.equal
                for candidate in Operator.allCases where rest.hasPrefix(candidate.rawValue) {
                    op = candidate
                    rest = rest.dropFirst(candidate.rawValue.count)
                    break
                }
                let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
                let numbers = parts.compactMap { Int($0) }
                guard !parts.isEmpty, numbers.count == parts.count, numbers.allSatisfy({ $0 >= 0 }) else { return nil }
                bounds.append(Bound(op: op, version: numbers))
            }
            alternatives.append(bounds)
            written.append(tokens.joined(separator: " "))
        }
        self.alternatives = alternatives
        self.text = written.joined(separator: " || ")
    }

    public var description: String { text }

    /// True when the range has no upper bound, so the newest release is in it.
    public var isOpenAbove: Bool {
        alternatives.contains { bounds in !bounds.contains { [.less, .lessOrEqual, .equal].contains($0.op) } }
    }

    /// True when `version` (nil: the newest release) is in the range.
    public func contains(_ version: [Int]?) -> Bool {
        guard let version else { return isOpenAbove }
        return alternatives.contains { bounds in bounds.allSatisfy { Self.holds($0, for: version) } }
    }

    private static func holds(_ bound: Bound, for version: [Int]) -> Bool {
        let padding = bound.op == .less || bound.op == .greaterOrEqual ? 0 : Int.max
        let order = compare(version, bound.version, boundPadding: padding)
        switch bound.op {
        case .greaterOrEqual: return order >= 0
        case .greater: return order > 0
        case .lessOrEqual: return order <= 0
        case .less: return order < 0
        case .equal: return hasPrefix(version, bound.version)
        }
    }

    /// Compares a tag version (missing parts: the newest) with a bound (missing parts: `boundPadding`).
    private static func compare(_ version: [Int], _ bound: [Int], boundPadding: Int) -> Int {
        for index in 0..<max(version.count, bound.count) {
            let left = index < version.count ? version[index] : Int.max
            let right = index < bound.count ? bound[index] : boundPadding
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    /// `=16` holds for 16, 16.4 and 16.4.1; `=16.4` for 16.4.x but not for 16 (which may be newer).
    private static func hasPrefix(_ version: [Int], _ bound: [Int]) -> Bool {
        version.count >= bound.count && Array(version.prefix(bound.count)) == bound
    }
}
