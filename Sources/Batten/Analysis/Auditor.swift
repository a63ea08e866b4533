/// Runs a policy's rules over workloads and applies suppressions: inline ones from the manifests
/// and the policy's exemptions (an expired exemption stops suppressing and says so).
public struct Auditor: Sendable {
    public let policy: ResolvedPolicy
    /// Today as `YYYY-MM-DD`, for exemption expiry.
    public let today: String
    public let registry: [any Rule.Type]
    /// Threads that audit workloads at once; the findings do not depend on it.
    public var jobs: Int
    /// The policy's enabled rules with their contexts, worked out once rather than per unit.
    private let rules: [PreparedRule]

    public init(
        policy: ResolvedPolicy, today: String = Auditor.todayUTC(), registry: [any Rule.Type] = RuleRegistry.all,
        jobs: Int = 1
    ) {
        self.policy = policy
        self.today = today
        self.registry = registry
        self.jobs = max(1, jobs)
        rules = Self.prepare(policy.enabledRules(from: registry))
    }

    /// Every finding of every workload, suppressed ones marked, in report order, without repeats.
    public func audit(_ workloads: [Workload]) -> [Finding] {
        let batch = 64
        let batches = stride(from: 0, to: workloads.count, by: batch).map { $0..<min($0 + batch, workloads.count) }
        let perBatch = ParallelWork.map(batches, jobs: jobs) { range in
            workloads[range].flatMap { audit($0, rules: rules) }
        }
        return Self.inReportOrder(Self.unique(perBatch))
    }

    /// Every finding of the workloads and of the ConfigMaps (``audit(configMaps:)``) together, in
    /// report order, without repeats.
    public func audit(_ workloads: [Workload], configMaps: [KubernetesConfigMap]) -> [Finding] {
        let findings = audit(workloads)
        guard !configMaps.isEmpty else { return findings }
        return Self.inReportOrder(Self.unique([findings, audit(configMaps: configMaps)]))
    }

    /// Every finding of the rules that look at ConfigMaps (``ConfigMapRule``), suppressed ones
    /// marked: by a `batten.dev/ignore.<rule-id>` annotation of the ConfigMap (with `.<key>`, for one
    /// key) or by a policy exemption.
    public func audit(configMaps: [KubernetesConfigMap]) -> [Finding] {
        var findings: [Finding] = []
        for configMap in configMaps {
            var found: [Finding] = []
            for prepared in rules where prepared.checks(.kubernetes) {
                guard let rule = prepared.configMapRule else { continue }
                found += rule.check(configMap, context: prepared.context)
            }
            let id = configMap.id
            for index in found.indices {
                found[index].workloadID = id
                if let suppression = configMap.suppressions.first(where: { Self.covers($0, found[index]) }) {
                    let reason = suppression.reason.isEmpty ? "suppressed in the manifest (no reason given)" : suppression.reason
                    found[index].suppression = Suppression(source: .inline, reason: reason)
                } else {
                    applyExemptions(to: &found[index])
                }
            }
            findings += found
        }
        return Self.inReportOrder(Self.unique([findings]))
    }

    /// True when a ConfigMap's suppression covers `finding`: its rule, and its key when it names one.
    private static func covers(_ suppression: InlineSuppression, _ finding: Finding) -> Bool {
        guard suppression.ruleID == finding.ruleID else { return false }
        guard let key = suppression.container else { return true }
        return finding.setting == "data." + key || finding.setting == "binaryData." + key
    }

    /// An enabled rule with its ``SuppressionRule`` and ``ConfigMapRule`` sides looked up once. A class, so that
    /// walking the rules for each workload takes one reference per rule rather than a copy of its
    /// parameters.
    private final class PreparedRule: Sendable {
        let rule: any Rule
        let context: RuleContext
        let suppressionRule: (any SuppressionRule)?
        let configMapRule: (any ConfigMapRule)?
        private let checksCompose: Bool
        private let checksKubernetes: Bool

        init(_ enabled: EnabledRule) {
            rule = enabled.rule
            context = enabled.context
            suppressionRule = enabled.rule.asSuppressionRule
            configMapRule = enabled.rule.asConfigMapRule
            checksCompose = enabled.formats.contains(.compose)
            checksKubernetes = enabled.formats.contains(.kubernetes)
        }

        func checks(_ format: InputFormat) -> Bool {
            switch format {
            case .compose: checksCompose
            case .kubernetes: checksKubernetes
            }
        }
    }

    private static func prepare(_ rules: [EnabledRule]) -> [PreparedRule] {
        rules.map(PreparedRule.init)
    }

    private func audit(_ workload: Workload, rules: [PreparedRule]) -> [Finding] {
        var findings: [Finding] = []
        for prepared in rules where prepared.checks(workload.format) {
            findings += prepared.rule.check(workload, context: prepared.context)
        }
        var uses = workload.suppressions.map { suppression in
            SuppressionUse(
                suppression: suppression, suppressedCount: 0, ruleIsEnabled: policy.isEnabled(suppression.ruleID),
                ruleExists: registry.contains { $0.description.id == suppression.ruleID })
        }
        for index in findings.indices {
            applyInlineSuppressions(to: &findings[index], uses: &uses)
        }
        for prepared in rules where prepared.checks(workload.format) {
            guard let suppressionRule = prepared.suppressionRule else { continue }
            findings += suppressionRule.check(uses, in: workload, context: prepared.context)
        }
        // One copy of the workload's id for all its findings, rather than one string each.
        let workloadID = workload.id
        let profileNote = InactiveProfileNote.text(for: workload) ?? workload.kubernetes?.auditNote
        for index in findings.indices {
            findings[index].workloadID = workloadID
            if let profileNote { findings[index].notes.append(profileNote) }
            if findings[index].suppression == nil { applyExemptions(to: &findings[index]) }
        }
        return findings
    }

    private func applyInlineSuppressions(to finding: inout Finding, uses: inout [SuppressionUse]) {
        for index in uses.indices {
            let suppression = uses[index].suppression
            guard suppression.ruleID == finding.ruleID else { continue }
            if let container = suppression.container, container != finding.target.container { continue }
            let reason = suppression.reason.isEmpty ? "suppressed in the manifest (no reason given)" : suppression.reason
            finding.suppression = Suppression(source: .inline, reason: reason)
            uses[index].suppressedCount += 1
            return
        }
    }

    private func applyExemptions(to finding: inout Finding) {
        for exemption in policy.exemptions where exemption.rule == "*" || exemption.rule == finding.ruleID {
            guard exemption.target.matches(finding) else { continue }
            if exemption.isExpired(today: today) {
                let note = "policy exemption expired on \(exemption.expires ?? "?") (\(exemption.reason))"
                if !finding.notes.contains(note) { finding.notes.append(note) }
                continue
            }
            finding.suppression = Suppression(source: .policy, reason: exemption.reason)
            return
        }
    }

    /// `findings` sorted stably by ``Finding/reportOrder(_:_:)``. The findings are not moved while
    /// sorting: their indices are, by a key of ranks (of the path among the paths, of the rule id
    /// among the rule ids) and positions, with the messages compared only when all of that is equal.
    static func inReportOrder(_ findings: [Finding]) -> [Finding] {
        guard findings.count > 1 else { return findings }
        let pathRanks = ranks(of: findings.lazy.map(\.location.path))
        let ruleRanks = ranks(of: findings.lazy.map(\.ruleID))
        var keys: [ReportOrderKey] = []
        keys.reserveCapacity(findings.count)
        // Consecutive findings mostly share a file (and often a rule): look each up once per run.
        var pathRank = RunLookup<String, Int>()
        var ruleRank = RunLookup<String, Int>()
        for index in findings.indices {
            let location = findings[index].location
            let path = pathRank.value(for: location.path) { pathRanks[$0] ?? 0 }
            let rule = ruleRank.value(for: findings[index].ruleID) { ruleRanks[$0] ?? 0 }
            keys.append(
                ReportOrderKey(
                    path: path, line: location.start.line, column: location.start.column, rule: rule, index: index))
        }
        keys.sort { lhs, rhs in
            if lhs.path != rhs.path { return lhs.path < rhs.path }
            if lhs.line != rhs.line { return lhs.line < rhs.line }
            if lhs.column != rhs.column { return lhs.column < rhs.column }
            if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
            let left = findings[lhs.index].message
            let right = findings[rhs.index].message
            if left != right { return left < right }
            return lhs.index < rhs.index
        }
        return keys.map { findings[$0.index] }
    }

    /// The rank of every distinct string in `strings` in `<` order; strings that are equal (`==`)
    /// share a rank, so comparing ranks answers as comparing the strings.
    private static func ranks(of strings: some Sequence<String>) -> [String: Int] {
        var ranks: [String: Int] = [:]
        var last: String?
        for string in strings where string != last {
            last = string
            if ranks[string] == nil { ranks[string] = 0 }
        }
        for (rank, string) in ranks.keys.sorted().enumerated() { ranks[string] = rank }
        return ranks
    }

    /// A finding's place in report order, as numbers, and its index in the unsorted findings.
    private struct ReportOrderKey {
        var path: Int
        var line: Int
        var column: Int
        var rule: Int
        var index: Int
    }

    /// The findings of every batch, in order, each finding once (the first time it appears).
    static func unique(_ batches: [[Finding]]) -> [Finding] {
        let count = batches.reduce(0) { $0 + $1.count }
        var seen = Set<FindingIdentity>()
        var unique: [Finding] = []
        seen.reserveCapacity(count)
        unique.reserveCapacity(count)
        for batch in batches {
            for finding in batch {
                let identity = FindingIdentity(
                    ruleID: finding.ruleID, path: finding.location.path, offset: finding.location.start.offset,
                    target: finding.target, message: finding.message)
                if seen.insert(identity).inserted { unique.append(finding) }
            }
        }
        return unique
    }

    /// What makes two findings the same report line. Only the rule, the offset and the workload's
    /// name are hashed: findings of one rule at one place for one workload are few, and hashing every
    /// path and message cost more than comparing the few that share them. The name is needed: an
    /// anchor's value used by every service puts a finding per service at one place.
    private struct FindingIdentity: Hashable {
        var ruleID: String
        var path: String
        var offset: Int
        var target: FindingTarget
        var message: String

        func hash(into hasher: inout Hasher) {
            hasher.combine(ruleID)
            hasher.combine(offset)
            hasher.combine(target.name)
        }
    }

    /// The current date in UTC as `YYYY-MM-DD`.
    public static func todayUTC() -> String {
        ISODate.today()
    }
}
