/// Lets each finding through once across the units of a run: two Compose projects can report the
/// same line of a file they share (`extends` of a file named on the command line) for services of
/// the same name. A unit's own repeats are removed by ``Auditor``; here each Compose finding that
/// gets through leaves a 128-bit digest of what makes it a report line (rule, file, offset, target,
/// message), so that the run keeps 16 bytes per finding rather than the findings themselves.
/// Kubernetes findings need none: a Kubernetes file is one unit, and its findings point into it.
struct FindingDeduplicator {
    private struct Digest: Hashable {
        var first: Int
        var second: Int
    }

    private var seen = Set<Digest>()

    /// `findings` without those an earlier call let through.
    mutating func firstSeen(_ findings: [Finding]) -> [Finding] {
        findings.filter { $0.target.format != .compose || seen.insert(Self.digest(of: $0)).inserted }
    }

    private static func digest(of finding: Finding) -> Digest {
        Digest(first: hash(finding, salt: 0), second: hash(finding, salt: 0x5EED))
    }

    private static func hash(_ finding: Finding, salt: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(salt)
        hasher.combine(finding.ruleID)
        hasher.combine(finding.location.path)
        hasher.combine(finding.location.start.offset)
        hasher.combine(finding.target.format)
        hasher.combine(finding.target.kind)
        hasher.combine(finding.target.name)
        hasher.combine(finding.target.namespace)
        hasher.combine(finding.target.container)
        hasher.combine(finding.message)
        return hasher.finalize()
    }
}
