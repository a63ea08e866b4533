/// Lets each finding through once across the units of a run: two Compose projects can report the
/// same line of a file they share (`extends` of a file named on the command line) for services of
/// the same name. A unit's own repeats are removed by ``Auditor``; here each Compose finding that
/// gets through leaves a 128-bit digest of what makes it a report line (rule, file, offset, target,
/// message), so that the run keeps 16 bytes per finding rather than the findings themselves. The
/// digest is one keyed hash of all of it and, beside it, the offset and the lengths of the texts:
/// two findings are taken for one only when both agree, and a second pass of the hash over the
/// same texts cost as much as the first.
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
        Digest(first: hash(finding), second: shape(of: finding))
    }

    /// The offset and the byte counts of the rule id, path, message and target name, packed.
    private static func shape(of finding: Finding) -> Int {
        let counts =
            finding.ruleID.utf8.count &* 0x9E37_79B9 ^ finding.location.path.utf8.count &* 0x85EB_CA6B
            ^ finding.message.utf8.count &* 0xC2B2_AE35 ^ finding.target.name.utf8.count &* 0x27D4_EB2F
        return finding.location.start.offset ^ counts &<< 20
    }

    private static func hash(_ finding: Finding) -> Int {
        var hasher = Hasher()
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
